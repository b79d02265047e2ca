#include "core/json_element_stream.hpp"

#include <filesystem>
#include <istream>
#include <streambuf>
#include <vector>

#include <zlib.h>

#include "core/errors.hpp"

namespace palliacarte::core {

namespace {

using json = nlohmann::json;

// Builds a small DOM for each element of the wanted array and drops everything else. Depth 0 is
// outside the file; the top object opens depth 1, the wanted array depth 2.
class ElementSax : public nlohmann::json_sax<json> {
  public:
    ElementSax(const std::string& array_key, const std::function<void(json&&)>& on_element,
               JsonStreamSummary& summary)
        : array_key_(array_key), on_element_(on_element), summary_(summary) {}

    bool null() override { return scalar(nullptr, "null"); }
    bool boolean(bool v) override { return scalar(v, v ? "true" : "false"); }
    bool number_integer(number_integer_t v) override { return scalar(v, std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(v, std::to_string(v)); }
    bool number_float(number_float_t v, const string_t& text) override { return scalar(v, text); }
    bool string(string_t& v) override { return scalar(v, v); }
    bool binary(binary_t&) override { return true; }

    bool start_object(std::size_t) override { return open(json::object()); }
    bool start_array(std::size_t) override {
        if (depth_ == 1 && key_ == array_key_ && stack_.empty()) {
            in_array_ = true;
            found_ = true;
            ++depth_;
            return true;
        }
        return open(json::array());
    }
    bool end_object() override { return close(); }
    bool end_array() override {
        if (in_array_ && depth_ == 2 && stack_.empty()) {
            in_array_ = false;
            --depth_;
            return true;
        }
        return close();
    }
    bool key(string_t& k) override {
        if (!stack_.empty())
            key_in_element_ = k;
        else if (depth_ == 1)
            key_ = k;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) override {
        error_position_ = position;
        error_ = e.what();
        return false;
    }

    bool top_is_object() const { return top_is_object_; }
    bool found() const { return found_; }
    std::size_t error_position() const { return error_position_; }
    const std::string& error() const { return error_; }

  private:
    template <class V>
    bool scalar(V&& v, const std::string& text) {
        if (!stack_.empty()) {
            attach(json(std::forward<V>(v)));
        } else if (in_array_ && depth_ == 2) {
            hand_over(json(std::forward<V>(v)));
        } else if (depth_ == 1) {
            summary_.top_level[key_] = text;
        }
        return true;
    }
    bool open(json value) {
        if (depth_ == 0) {
            top_is_object_ = value.is_object();
            ++depth_;
            return top_is_object_;
        }
        ++depth_;
        if (!stack_.empty()) {
            stack_.push_back(attach(std::move(value)));
        } else if (in_array_ && depth_ == 3) {
            element_ = std::move(value);
            stack_.push_back(&element_);
        }
        // Anything else (another top-level member) is skipped.
        return true;
    }
    bool close() {
        --depth_;
        if (stack_.empty()) return true;
        stack_.pop_back();
        if (stack_.empty()) hand_over(std::move(element_));
        return true;
    }
    json* attach(json value) {
        json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        json& slot = parent[key_in_element_];
        slot = std::move(value);
        return &slot;
    }
    void hand_over(json&& value) {
        ++summary_.elements;
        on_element_(std::move(value));
        element_ = json();
    }

    const std::string& array_key_;
    const std::function<void(json&&)>& on_element_;
    JsonStreamSummary& summary_;
    std::vector<json*> stack_;
    json element_;
    std::string key_, key_in_element_;
    int depth_ = 0;
    bool in_array_ = false, found_ = false, top_is_object_ = false;
    std::size_t error_position_ = 0;
    std::string error_;
};

// The file through zlib: the ANS publishes FINESS+ as .json.gz, and gzread reads a plain file
// as it is, so both go through one path without unpacking 1.5 GB to disk first.
class GzStreambuf : public std::streambuf {
  public:
    explicit GzStreambuf(const std::string& path) : file_(gzopen(path.c_str(), "rb")) {
        if (file_) gzbuffer(file_, 1 << 17);
    }
    ~GzStreambuf() override {
        if (file_) gzclose(file_);
    }
    GzStreambuf(const GzStreambuf&) = delete;
    GzStreambuf& operator=(const GzStreambuf&) = delete;
    bool is_open() const { return file_ != nullptr; }
    /// zlib's message when reading failed (corrupt or truncated archive), else empty.
    std::string error() const {
        if (!file_) return {};
        int code = Z_OK;
        const char* message = gzerror(file_, &code);
        return code == Z_OK || code == Z_STREAM_END ? std::string() : std::string(message);
    }

  protected:
    int_type underflow() override {
        const int n = gzread(file_, buffer_.data(), static_cast<unsigned>(buffer_.size()));
        if (n <= 0) return traits_type::eof();
        setg(buffer_.data(), buffer_.data(), buffer_.data() + n);
        return traits_type::to_int_type(buffer_[0]);
    }

  private:
    gzFile file_;
    std::vector<char> buffer_ = std::vector<char>(1 << 16);
};

}  // namespace

JsonStreamSummary stream_json_array(const std::string& path, const std::string& array_key,
                                    const std::function<void(nlohmann::json&&)>& on_element) {
    if (!std::filesystem::is_regular_file(path)) throw DataError(path, "fichier introuvable");
    GzStreambuf buffer(path);
    if (!buffer.is_open()) throw DataError(path, "fichier illisible");
    std::istream in(&buffer);
    JsonStreamSummary summary;
    std::error_code ec;
    summary.bytes = std::filesystem::file_size(path, ec);
    ElementSax sax(array_key, on_element, summary);
    const bool ok = json::sax_parse(in, &sax, nlohmann::json::input_format_t::json, false);
    if (!buffer.error().empty())
        throw DataError(path, "archive gzip illisible ou tronquée (" + buffer.error() + ")");
    if (!ok) {
        if (!sax.error().empty())
            throw DataError(path, "JSON invalide ou tronqué à l'octet " +
                                      std::to_string(sax.error_position()) + " (" + sax.error() +
                                      ")");
        if (!sax.top_is_object())
            throw DataError(path, "le fichier doit être un objet JSON (« { … } »)");
        throw DataError(path, "lecture JSON interrompue");
    }
    if (!sax.found())
        throw DataError(path, "pas de tableau « " + array_key + " » au premier niveau");
    return summary;
}

}  // namespace palliacarte::core
