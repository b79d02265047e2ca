#pragma once
// The options of one command, declared once, parsed the same way for every command: flags,
// options with a value (`--out DIR` or `--out=DIR`), bounded numbers, lists, at most one
// positional argument, --help. Mistakes are said in French, naming the option, with the usage.
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace palliacarte::cli {

class CommandLine {
  public:
    /// `command`: "analyze"; `usage`: the usage text, printed with mistakes and for --help.
    CommandLine(std::string command, std::string usage);

    CommandLine& flag(std::vector<std::string> names, bool& target);
    /// `what`: what the value is, for messages ("un dossier").
    CommandLine& value(std::vector<std::string> names, std::string what, std::string& target);
    CommandLine& value(std::vector<std::string> names, std::string what,
                       std::optional<std::string>& target);
    /// A whole number within [min, max].
    CommandLine& number(std::vector<std::string> names, long min, long max,
                        std::function<void(long)> set);
    /// "25,39,70" or "25 39" → one call of `add` per item.
    CommandLine& list(std::vector<std::string> names, std::string what,
                      std::function<void(const std::string&)> add);
    /// The one argument that is not an option (CONFIG).
    CommandLine& positional(std::string what, std::optional<std::string>& target);

    enum class Outcome { run, help, mistake };
    /// @brief Parses `args` into the targets. A mistake is written to `err` with the usage;
    /// --help writes the usage to `out`.
    Outcome parse(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) const;

    const std::string& usage() const { return usage_; }

  private:
    struct Option {
        std::vector<std::string> names;
        std::string what;  ///< empty: a flag
        std::function<bool(const std::string& name, const std::string& value, std::ostream& err)>
            take;
    };
    const Option* find(const std::string& name) const;

    std::string command_, usage_;
    std::vector<Option> options_;
    std::string positional_what_;
    std::optional<std::string>* positional_ = nullptr;
};

/// @brief Runs a command's work, turning what it throws into the exit codes the README
/// documents: ConfigError → 2, DataError (and a failed download) → 3, anything else → 1, each
/// with one French line naming the command.
int run_reporting_errors(const std::string& command, const std::function<int()>& work);

}  // namespace palliacarte::cli
