#include "http/http_server.hpp"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>

#include "core/text_encoding.hpp"
#include "core/utc_time.hpp"
#include "http/gzip.hpp"
#include "http/public_url.hpp"
#include "http/request_params.hpp"
#include "http/response_cache.hpp"
#include "http/worker_pool.hpp"

namespace palliacarte::http {

namespace P = Pistache;

std::string url_decode(std::string_view text, bool plus_is_space) {
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

namespace {

bool accepts_gzip(const HttpRequest& r) {
    const std::string ae = lower_ascii(r.header("accept-encoding"));
    const auto at = ae.find("gzip");
    if (at == std::string::npos) return false;
    const auto end = ae.find(',', at);
    const std::string item = ae.substr(at, end == std::string::npos ? std::string::npos : end - at);
    return item.find("q=0") == std::string::npos || item.find("q=0.") != std::string::npos;
}

// Whether the connection stays open after this response: HTTP/1.1 unless the client said
// close, HTTP/1.0 only if it asked for keep-alive.
bool keep_alive(const HttpRequest& r, bool http11) {
    const std::string c = lower_ascii(r.header("connection"));
    if (c.find("close") != std::string::npos) return false;
    return http11 || c.find("keep-alive") != std::string::npos;
}

// The request target as the log shows it: control bytes and bytes that are not UTF-8
// percent-encoded, so a request cannot forge or break log lines.
std::string loggable(const std::string& target) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    const bool utf8 = core::is_valid_utf8(target);
    for (const char ch : target) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F || (c >= 0x80 && !utf8)) {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

// If-None-Match holds the tag (weak comparison, RFC 9110 §13.1.2) or "*".
bool not_modified(const HttpRequest& r, const std::string& etag) {
    if (etag.empty()) return false;
    const std::string inm = r.header("if-none-match");
    if (inm.empty()) return false;
    auto opaque = [](std::string t) {
        while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(0, 1);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
        if (t.rfind("W/", 0) == 0) t.erase(0, 2);
        return t;
    };
    const std::string want = opaque(etag);
    std::size_t start = 0;
    while (start <= inm.size()) {
        const auto comma = inm.find(',', start);
        const std::string tag = opaque(
            inm.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (tag == "*" || tag == want) return true;
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return false;
}

// Pistache 0.0.5 writes only typed headers (Header::list()), never the raw ones: a typed header
// with a run-time name carries ours.
class TextHeader : public P::Http::Header::Header {
  public:
    TextHeader(std::string name, std::string value)
        : name_(std::move(name)), value_(std::move(value)) {}
    const char* name() const override { return name_.c_str(); }
    void write(std::ostream& os) const override { os << value_; }
#ifdef SAFE_HEADER_CAST
    uint64_t hash() const override {
        return std::hash<std::string>()(name_);
    }
#endif

  private:
    std::string name_, value_;
};

void set_header(P::Http::Header::Collection& h, const std::string& name, const std::string& value) {
    h.remove(name);
    h.add(std::make_shared<TextHeader>(name, value));
}

// Below this a gzip'd body saves less than its header costs.
constexpr std::size_t kMinGzipBytes = 1024;

bool worth_compressing(const HttpResponse& resp) {
    return resp.stream || resp.body.size() >= kMinGzipBytes;
}

// The 503 for an analysis refused for want of capacity.
HttpResponse busy_response(const std::string& detail, int retry_after_seconds) {
    HttpResponse busy = problem_response(503, "Service occupé", detail);
    busy.headers.push_back({"Retry-After", std::to_string(retry_after_seconds)});
    return busy;
}

}  // namespace

// Written once at start, read by every reactor thread.
class AtomicPublicUrl {
  public:
    void operator=(PublicUrl url) { url_.store(std::make_shared<const PublicUrl>(std::move(url))); }
    std::shared_ptr<const PublicUrl> get() const { return url_.load(); }

  private:
    std::atomic<std::shared_ptr<const PublicUrl>> url_;
};

struct HttpServer::Impl {
    ServerOptions options;
    std::function<Route(const std::string&)> route;
    Handler handler;
    std::shared_ptr<P::Http::Endpoint> endpoint;
    std::unique_ptr<WorkerPool> pool;
    std::mutex log_mutex;
    bool running = false;
    ResponseCache cache;
    AtomicPublicUrl public_url;

    void log(const HttpRequest& r, const std::string& raw_target, int status, double ms,
             std::size_t bytes, const char* note = "") {
        if (!options.log) return;
        char line[64];
        std::snprintf(line, sizeof line, " %d %.2f ms %zu B", status, ms, bytes);
        std::lock_guard lock(log_mutex);
        *options.log << core::utc_now() << ' ' << loggable(r.method) << ' ' << loggable(raw_target)
                     << line << note << '\n'
                     << std::flush;
    }

    HttpResponse answer(const HttpRequest& r, const Route& route) {
        try {
            return handler(r);
        } catch (const ProblemError& e) {
            HttpResponse p = problem_response(e.status, e.title, e.what());
            if (!e.allow.empty()) {
                std::string allow;
                for (const auto& m : e.allow) allow += (allow.empty() ? "" : ", ") + m;
                p.headers.push_back({"Allow", allow});
            }
            return p;
        } catch (const std::exception& e) {
            (void)route;
            return problem_response(500, "Erreur interne", e.what());
        } catch (...) {
            return problem_response(500, "Erreur interne",
                                    "erreur inattendue pendant le traitement");
        }
    }

    /// Answers once and logs once, whatever happens: an error while writing (the client
    /// left, a response that cannot be built) is logged, never thrown. With `wait`, returns
    /// only once the bytes are handed to the socket, so a shutdown that follows cannot drop
    /// them (worker threads answer through the reactor's queue).
    void send(const HttpRequest& r, const std::string& raw_target, HttpResponse resp,
              P::Http::ResponseWriter& w, std::chrono::steady_clock::time_point start,
              bool body_is_gzip = false, bool wait = false) noexcept {
        const int status = resp.status;
        try {
            write(r, raw_target, std::move(resp), w, start, body_is_gzip, wait);
        } catch (...) {
            log(r, raw_target, status, 0, 0, " (not sent: the connection failed)");
        }
    }

    // Closes the connection once `sent` is on the wire (Pistache keeps every connection open).
    static void close_after(P::Async::Promise<ssize_t>& sent,
                            const std::shared_ptr<P::Tcp::Peer>& peer) {
        sent.then([peer](ssize_t) { ::shutdown(peer->fd(), SHUT_RDWR); },
                  [](std::exception_ptr) {});
    }

    void finish(P::Async::Promise<ssize_t> sent, P::Http::ResponseWriter& w, bool close,
                bool wait) {
        if (close) {
            if (auto peer = w.peer()) close_after(sent, peer);
        }
        if (wait) {
            P::Async::Barrier<ssize_t> barrier(sent);
            barrier.wait_for(std::chrono::seconds(10));
        }
    }

    void write(const HttpRequest& r, const std::string& raw_target, HttpResponse resp,
               P::Http::ResponseWriter& w, std::chrono::steady_clock::time_point start,
               bool body_is_gzip, bool wait) {
        auto& h = w.headers();
        set_header(h, "Access-Control-Allow-Origin", "*");
        set_header(h, "Access-Control-Expose-Headers", "ETag, Content-Crs, Content-Encoding");
        set_header(h, "Vary", "Accept, Accept-Encoding");
        if (!resp.etag.empty()) set_header(h, "ETag", resp.etag);
        set_header(
            h, "Cache-Control",
            resp.max_age > 0 ? "public, max-age=" + std::to_string(resp.max_age) : "no-cache");
        // Pistache answers "Connection: Close" unless the request named a Connection header,
        // though HTTP/1.1 connections persist by default: say keep-alive unless asked to close.
        bool close = !keep_alive(r, r.http11);
        for (const auto& [k, v] : resp.headers)
            close = close || (lower_ascii(k) == "connection" && lower_ascii(v) == "close");
        set_header(h, "Connection", close ? "close" : "keep-alive");
        for (const auto& [k, v] : resp.headers)
            if (lower_ascii(k) != "connection") set_header(h, k, v);
        auto elapsed = [&] {
            return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                             start)
                .count();
        };
        if (resp.status == 200 && not_modified(r, resp.etag)) {
            finish(w.send(P::Http::Code::Not_Modified), w, close, wait);
            log(r, raw_target, 304, elapsed(), 0);
            return;
        }
        set_header(h, "Content-Type", resp.content_type);
        const auto code = static_cast<P::Http::Code>(resp.status);
        const bool head = r.method == "HEAD";
        const bool compress = body_is_gzip || (accepts_gzip(r) && worth_compressing(resp));
        if (compress) set_header(h, "Content-Encoding", "gzip");
        if (head) {
            // Headers only. (Pistache writes Content-Length: 0 here.)
            finish(w.send(code), w, close, wait);
            log(r, raw_target, resp.status, elapsed(), 0);
            return;
        }
        if (resp.stream && !r.http11) {
            // HTTP/1.0 has no chunked encoding: gather the body and send it with its length.
            auto stream = std::move(resp.stream);
            resp.stream = nullptr;
            stream([&](std::string_view piece) { resp.body.append(piece); });
        }
        if (resp.stream) {
            std::size_t bytes = 0;
            auto stream = w.stream(code);
            std::unique_ptr<GzipStream> z;
            if (compress) z = std::make_unique<GzipStream>();
            auto put = [&](std::string_view piece) {
                if (piece.empty()) return;
                stream.write(piece.data(), static_cast<std::streamsize>(piece.size()));
                stream.flush();
                bytes += piece.size();
            };
            try {
                resp.stream([&](std::string_view chunk) {
                    if (z)
                        put(z->write(chunk));
                    else
                        put(chunk);
                });
                if (z) put(z->finish());
                stream.ends();
            } catch (const std::exception& e) {
                log(r, raw_target, resp.status, elapsed(), bytes, " (client gone mid-response)");
                return;
            }
            log(r, raw_target, resp.status, elapsed(), bytes);
            return;
        }
        std::string body = compress && !body_is_gzip ? gzip(resp.body) : std::move(resp.body);
        const std::size_t bytes = body.size();
        finish(w.send(code, body), w, close, wait);
        log(r, raw_target, resp.status, elapsed(), bytes);
    }
    /// Runs a slow request (an analysis) on the worker pool; 503 when the queue is full or it
    /// waited too long.
    void run_slow(HttpRequest r, const std::string& raw_target, const Route& route,
                  P::Http::ResponseWriter writer, std::chrono::steady_clock::time_point start) {
        auto shared = std::make_shared<P::Http::ResponseWriter>(std::move(writer));
        auto request = std::make_shared<HttpRequest>(std::move(r));
        const bool queued = pool->post([this, shared, request, raw_target, route, start] {
            try {
                // A request that waited too long is refused rather than run: its client has
                // likely given up, and running it would only delay the ones behind.
                if (std::chrono::steady_clock::now() - start > options.max_slow_wait) {
                    send(*request, raw_target,
                         busy_response("l'analyse a trop attendu derrière d'autres ; "
                                       "réessayez dans quelques secondes",
                                       5),
                         *shared, start);
                    return;
                }
                send(*request, raw_target, answer(*request, route), *shared, start, false, true);
            } catch (...) {
                log(*request, raw_target, 500, 0, 0, " (not answered)");
            }
        });
        if (!queued)
            send(
                *request, raw_target,
                busy_response(
                    "trop d'analyses en cours ou en attente ; réessayez dans quelques secondes", 2),
                *shared, start);
    }

    /// A GET or HEAD: from the response cache, or answered and kept there (gzipped once when
    /// the client accepts it and it is worth it).
    void answer_from_cache(const HttpRequest& r, const std::string& raw_target, const Route& route,
                           P::Http::ResponseWriter& writer,
                           std::chrono::steady_clock::time_point start) {
        const bool gz = accepts_gzip(r);
        // The version first, the answer after: an answer is never newer-keyed than its data.
        std::string key =
            options.data_version ? std::to_string(options.data_version()) + '\n' : std::string();
        key += r.path + '\n' + r.header("accept") + (gz ? "\ngzip\n" : "\n");
        for (const auto& [k, v] : r.query) key += k + '=' + v + '&';
        if (auto hit = cache.find(key)) {
            send(r, raw_target, hit->response, writer, start, hit->gzip);
            return;
        }
        HttpResponse resp = answer(r, route);
        if (resp.status == 200 && !resp.etag.empty() && !resp.stream &&
            resp.body.size() <= ResponseCache::kMaxEntryBytes) {
            auto entry = std::make_shared<ResponseCache::Entry>();
            entry->response = std::move(resp);
            entry->gzip = gz && worth_compressing(entry->response);
            if (entry->gzip) entry->response.body = gzip(entry->response.body);
            cache.put(key, entry);
            send(r, raw_target, entry->response, writer, start, entry->gzip);
            return;
        }
        send(r, raw_target, std::move(resp), writer, start);
    }
};

namespace {

// The service's view of a Pistache request: decoded path and query, headers by lower-case name.
HttpRequest to_request(const P::Http::Request& req) {
    HttpRequest r;
    r.method = P::Http::methodString(req.method());
    r.path = url_decode(req.resource(), false);
    for (auto it = req.query().parameters_begin(); it != req.query().parameters_end(); ++it)
        r.query[url_decode(it->first, true)] = url_decode(it->second, true);
    for (const auto& [name, raw] : req.headers().rawList())
        r.headers[lower_ascii(raw.name())] = raw.value();
    for (const auto& typed : req.headers().list()) {
        const std::string name = lower_ascii(typed->name());
        if (r.headers.count(name)) continue;
        std::ostringstream os;
        typed->write(os);
        r.headers[name] = os.str();
    }
    r.body = req.body();
    r.http11 = req.version() == P::Http::Version::Http11;
    return r;
}

// What no handler should ever see: text that is not UTF-8 (it could not be quoted in a JSON
// answer), an HTTP/1.1 request without Host, a request for another site. A malformed request
// is answered, then its connection closed: what follows on it cannot be trusted to be framed
// right.
std::optional<HttpResponse> unfit_request(const HttpRequest& r, const PublicUrl& url) {
    auto malformed = [](const std::string& detail) {
        HttpResponse p = problem_response(400, "Requête invalide", detail);
        p.headers.push_back({"Connection", "close"});
        return p;
    };
    bool utf8 = core::is_valid_utf8(r.path);
    for (const auto& [k, v] : r.query)
        utf8 = utf8 && core::is_valid_utf8(k) && core::is_valid_utf8(v);
    if (!utf8)
        return malformed(
            "le chemin ou un paramètre n'est pas de l'UTF-8 valide une fois "
            "décodé (%XX)");
    switch (check_host(url, r.header("host"), r.http11)) {
        case HostVerdict::ok:
            return std::nullopt;
        case HostVerdict::missing:
            return malformed("une requête HTTP/1.1 doit avoir un en-tête Host");
        case HostVerdict::misdirected:
            return problem_response(421, "Hôte inattendu",
                                    "ce service répond pour " + url.base + ", pas pour Host « " +
                                        r.header("host") + " »");
    }
    return std::nullopt;
}

// 405 with Allow for a known path asked with a method it does not answer (HEAD goes with GET).
std::optional<HttpResponse> method_not_allowed(const HttpRequest& r, const Route& route) {
    if (route.methods.empty()) return std::nullopt;  // unknown path: the handler answers 404
    auto has = [&](const std::string& m) {
        return std::find(route.methods.begin(), route.methods.end(), m) != route.methods.end();
    };
    if (has(r.method) || (r.method == "HEAD" && has("GET"))) return std::nullopt;
    std::string allow;
    for (const auto& m : route.methods) allow += (allow.empty() ? "" : ", ") + m;
    if (has("GET")) allow += ", HEAD";
    allow += ", OPTIONS";
    HttpResponse p = problem_response(
        405, "Méthode non permise",
        r.method + " n'est pas permis sur " + r.path + " (permis : " + allow + ")");
    p.headers.push_back({"Allow", allow});
    return p;
}

// The CORS pre-flight answer.
void preflight(P::Http::ResponseWriter& writer) {
    auto& h = writer.headers();
    set_header(h, "Access-Control-Allow-Origin", "*");
    set_header(h, "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
    set_header(h, "Access-Control-Allow-Headers",
               "Content-Type, If-None-Match, Accept, Accept-Encoding");
    set_header(h, "Access-Control-Max-Age", "86400");
    writer.send(P::Http::Code::No_Content);
}

class PistacheHandler : public P::Http::Handler {
  public:
    HTTP_PROTOTYPE(PistacheHandler)
    explicit PistacheHandler(HttpServer::Impl* impl) : impl_(impl) {}

    void onRequest(const P::Http::Request& req, P::Http::ResponseWriter writer) override {
        const auto start = std::chrono::steady_clock::now();
        HttpRequest r = to_request(req);
        const std::string raw_target = req.resource() + req.query().as_str();
        const auto public_url = impl_->public_url.get();
        if (!public_url) {  // port 0, in the instant between binding and knowing the port
            writer.send(P::Http::Code::Service_Unavailable);
            impl_->log(r, raw_target, 503, 0, 0, " (starting)");
            return;
        }
        r.base_url = public_url->base;
        if (auto refused = unfit_request(r, *public_url)) {
            impl_->send(r, raw_target, std::move(*refused), writer, start);
            return;
        }
        if (r.method == "OPTIONS") {
            preflight(writer);
            impl_->log(r, raw_target, 204, 0, 0);
            return;
        }
        const Route route = impl_->route(r.path);
        if (auto refused = method_not_allowed(r, route)) {
            impl_->send(r, raw_target, std::move(*refused), writer, start);
            return;
        }
        if (route.slow)
            impl_->run_slow(std::move(r), raw_target, route, std::move(writer), start);
        else if (r.method != "GET" && r.method != "HEAD")
            impl_->send(r, raw_target, impl_->answer(r, route), writer, start);
        else
            impl_->answer_from_cache(r, raw_target, route, writer, start);
    }

    // A request head or body that did not arrive in time (slow or malformed client): Pistache
    // closes the connection after this answer.
    void onTimeout(const P::Http::Request& req, P::Http::ResponseWriter writer) override {
        const HttpResponse p = problem_response(
            408, "Délai dépassé", "la requête n'est pas arrivée à temps ; la connexion est fermée");
        set_header(writer.headers(), "Content-Type", p.content_type);
        set_header(writer.headers(), "Connection", "close");
        writer.send(P::Http::Code::Request_Timeout, p.body);
        HttpRequest r;
        r.method = "-";
        impl_->log(r, req.resource().empty() ? "(incomplete request)" : req.resource(), 408, 0,
                   p.body.size(), " (timed out)");
    }

  private:
    HttpServer::Impl* impl_;
};

}  // namespace

HttpServer::HttpServer(ServerOptions options, std::function<Route(const std::string&)> route,
                       Handler handler)
    : impl_(std::make_unique<Impl>()) {
    impl_->options = std::move(options);
    impl_->route = std::move(route);
    impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() {
    shutdown();
}

void HttpServer::start() {
    auto& o = impl_->options;
    impl_->pool = std::make_unique<WorkerPool>(o.analysis_threads, o.max_queued_slow);
    P::Address address(o.host, P::Port(o.port));
    impl_->endpoint = std::make_shared<P::Http::Endpoint>(address);
    auto opts = P::Http::Endpoint::options()
                    .threads(std::max(1, o.threads))
                    .flags(P::Tcp::Options::ReuseAddr)
                    .maxRequestSize(o.max_body_bytes + 64 * 1024)
                    .maxResponseSize(std::size_t(1) << 31)
                    .headerTimeout(o.header_timeout)
                    .bodyTimeout(o.body_timeout)
                    .keepaliveTimeout(o.keepalive_timeout);
    impl_->endpoint->init(opts);
    impl_->endpoint->setHandler(std::make_shared<PistacheHandler>(impl_.get()));
    // With a fixed port the URL is known before the first request; with port 0 only once
    // bound (Pistache binds in serveThreaded), and no client knows the port before then.
    if (o.port != 0) impl_->public_url = make_public_url(o.public_url, o.host, o.port);
    impl_->endpoint->serveThreaded();
    impl_->running = true;
    if (o.port == 0) impl_->public_url = make_public_url(o.public_url, o.host, port());
}

void HttpServer::shutdown() {
    if (!impl_ || !impl_->running) return;
    impl_->running = false;
    // Analyses under way finish and answer first (new ones get 503), then the listener stops.
    impl_->pool->stop();
    impl_->endpoint->shutdown();
}

std::string HttpServer::public_url() const {
    const auto url = impl_->public_url.get();
    return url ? url->base : std::string();
}

std::uint16_t HttpServer::port() const {
    return impl_->endpoint ? static_cast<std::uint16_t>(impl_->endpoint->getPort())
                           : impl_->options.port;
}

}  // namespace palliacarte::http
