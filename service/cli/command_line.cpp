#include "cli/command_line.hpp"

#include <iostream>

#include "cli/exit_codes.hpp"
#include "cli/list_option.hpp"
#include "core/errors.hpp"
#include "fetch/http_download.hpp"

namespace palliacarte::cli {

namespace {

std::optional<long> parse_whole(const std::string& text, long min, long max) {
    try {
        std::size_t used = 0;
        const long v = std::stol(text, &used);
        if (used != text.size() || v < min || v > max) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace

CommandLine::CommandLine(std::string command, std::string usage)
    : command_(std::move(command)), usage_(std::move(usage)) {}

CommandLine& CommandLine::flag(std::vector<std::string> names, bool& target) {
    options_.push_back({std::move(names), "", [&target](const auto&, const auto&, auto&) {
                            target = true;
                            return true;
                        }});
    return *this;
}

CommandLine& CommandLine::value(std::vector<std::string> names, std::string what,
                                std::string& target) {
    options_.push_back(
        {std::move(names), std::move(what), [&target](const auto&, const std::string& v, auto&) {
             target = v;
             return true;
         }});
    return *this;
}

CommandLine& CommandLine::value(std::vector<std::string> names, std::string what,
                                std::optional<std::string>& target) {
    options_.push_back(
        {std::move(names), std::move(what), [&target](const auto&, const std::string& v, auto&) {
             target = v;
             return true;
         }});
    return *this;
}

CommandLine& CommandLine::number(std::vector<std::string> names, long min, long max,
                                 std::function<void(long)> set) {
    const std::string what = "un nombre de " + std::to_string(min) + " à " + std::to_string(max);
    options_.push_back({std::move(names), what,
                        [this, min, max, set = std::move(set), what](
                            const std::string& name, const std::string& v, std::ostream& err) {
                            const auto n = parse_whole(v, min, max);
                            if (!n) {
                                err << "palliacarte " << command_ << " : " << name << " attend "
                                    << what << " (reçu « " << v << " »)\n";
                                return false;
                            }
                            set(*n);
                            return true;
                        }});
    return *this;
}

CommandLine& CommandLine::list(std::vector<std::string> names, std::string what,
                               std::function<void(const std::string&)> add) {
    options_.push_back({std::move(names), std::move(what),
                        [add = std::move(add)](const auto&, const std::string& v, auto&) {
                            for (const auto& item : split_list(v)) add(item);
                            return true;
                        }});
    return *this;
}

CommandLine& CommandLine::positional(std::string what, std::optional<std::string>& target) {
    positional_what_ = std::move(what);
    positional_ = &target;
    return *this;
}

const CommandLine::Option* CommandLine::find(const std::string& name) const {
    for (const auto& o : options_)
        for (const auto& n : o.names)
            if (n == name) return &o;
    return nullptr;
}

CommandLine::Outcome CommandLine::parse(const std::vector<std::string>& args, std::ostream& out,
                                        std::ostream& err) const {
    const std::string who = "palliacarte " + command_ + " : ";
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") {
            out << usage_;
            return Outcome::help;
        }
        if (!a.empty() && a[0] == '-') {
            // "--out=DIR" as well as "--out DIR".
            const auto eq = a.find('=');
            const std::string name = a.substr(0, eq);
            const Option* o = find(name);
            if (!o) {
                err << who << "option inconnue " << name << "\n" << usage_;
                return Outcome::mistake;
            }
            if (o->what.empty()) {
                if (eq != std::string::npos) {
                    err << who << name << " ne prend pas de valeur\n" << usage_;
                    return Outcome::mistake;
                }
                o->take(name, "", err);
                continue;
            }
            std::string v;
            if (eq != std::string::npos) {
                v = a.substr(eq + 1);
            } else if (i + 1 < args.size()) {
                v = args[++i];
            } else {
                err << who << name << " attend " << o->what << "\n" << usage_;
                return Outcome::mistake;
            }
            if (!o->take(name, v, err)) return Outcome::mistake;
            continue;
        }
        if (!positional_) {
            err << who << "argument inattendu « " << a << " »\n" << usage_;
            return Outcome::mistake;
        }
        if (*positional_) {
            err << who << "une seule " << positional_what_ << " attendue (reçu aussi " << a
                << ")\n";
            return Outcome::mistake;
        }
        *positional_ = a;
    }
    return Outcome::run;
}

int run_reporting_errors(const std::string& command, const std::function<int()>& work) {
    const std::string who = "palliacarte " + command + " : ";
    try {
        return work();
    } catch (const core::ConfigError& e) {
        std::cerr << who << "erreur de configuration : " << e.what() << "\n";
        return kUsageOrConfigError;
    } catch (const fetch::DownloadError& e) {
        std::cerr << "\n"
                  << who << "téléchargement impossible\n  adresse : " << e.url()
                  << "\n  raison  : " << e.reason() << "\n";
        return kUnreadableData;
    } catch (const core::DataError& e) {
        std::cerr << who << "données illisibles ou impossibles à écrire : " << e.what() << "\n";
        return kUnreadableData;
    } catch (const std::exception& e) {
        std::cerr << who << "erreur interne : " << e.what() << "\n";
        return kInternalError;
    }
}

}  // namespace palliacarte::cli
