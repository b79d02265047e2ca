// The HTTP server's handling of slow requests, in process on a free loopback port with curl as
// the client: layers keep being served while an analysis runs, a full queue answers 503 with
// Retry-After, and a request that waited too long is refused instead of run. The handler here is
// a stand-in whose "analysis" waits until the test releases it (no data needed).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "http/http_server.hpp"
#include "test_shell.hpp"

namespace {

using namespace palliacarte::http;
using palliacarte::test::shell;

// An "analysis" that runs until released (at most 20 s, so a failing test cannot hang).
struct SlowHandler {
    std::atomic<bool> release{false};
    std::atomic<int> started{0}, finished{0};

    HttpResponse operator()(const HttpRequest& r) {
        HttpResponse out;
        if (r.path == "/slow") {
            ++started;
            for (int i = 0; i < 2000 && !release; ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            ++finished;
            out.body = R"({"done":true})";
        } else {
            out.body = R"({"layer":true})";
        }
        return out;
    }
};

struct Server {
    explicit Server(ServerOptions o, SlowHandler& h)
        : server(
              std::move(o),
              [](const std::string& path) {
                  return Route{{"GET"}, path == "/slow"};
              },
              [&h](const HttpRequest& r) { return h(r); }) {
        server.start();
    }
    ~Server() { server.shutdown(); }
    std::string url(const std::string& path) const {
        return "http://127.0.0.1:" + std::to_string(server.port()) + path;
    }
    HttpServer server;
};

// "status body" of a GET, with the Retry-After header when there is one.
std::string get(const std::string& url) {
    return shell("curl -s -m 10 -D - -o /dev/null -w '%{http_code}' '" + url +
                 "' | grep -i -e '^retry-after' -e '^[0-9][0-9][0-9]$' | tr -d '\\r' | "
                 "tr '\\n' ' '")
        .out;
}

ServerOptions options() {
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.analysis_threads = 1;
    return o;
}

void wait_until(const std::function<bool()>& done) {
    for (int i = 0; i < 1000 && !done(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

TEST(HttpServerSlowRequests, LayersAreServedWhileAnAnalysisRuns) {
    SlowHandler h;
    ServerOptions o = options();
    o.threads = 1;  // one reactor thread: it must not be the one running the analysis
    Server s(o, h);
    auto slow = std::async(std::launch::async, [&] { return get(s.url("/slow")); });
    wait_until([&] { return h.started == 1; });
    ASSERT_EQ(h.started, 1);
    for (int i = 0; i < 5; ++i) EXPECT_EQ(get(s.url("/collections")), "200 ");
    EXPECT_EQ(h.finished, 0);  // the analysis was still running all along
    h.release = true;
    EXPECT_EQ(slow.get(), "200 ");
}

TEST(HttpServerSlowRequests, AFullQueueAnswers503WithRetryAfter) {
    SlowHandler h;
    ServerOptions o = options();
    o.max_queued_slow = 1;
    Server s(o, h);
    auto running = std::async(std::launch::async, [&] { return get(s.url("/slow")); });
    wait_until([&] { return h.started == 1; });
    auto queued = std::async(std::launch::async, [&] { return get(s.url("/slow")); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // let it reach the queue
    const std::string refused = get(s.url("/slow"));
    EXPECT_NE(refused.find("503"), std::string::npos) << refused;
    EXPECT_NE(refused.find("Retry-After: 2"), std::string::npos) << refused;
    h.release = true;
    EXPECT_EQ(running.get(), "200 ");
    EXPECT_EQ(queued.get(), "200 ");
    EXPECT_EQ(h.started, 2);
}

TEST(HttpServerSlowRequests, ARequestThatWaitedTooLongIsRefusedNotRun) {
    SlowHandler h;
    ServerOptions o = options();
    o.max_slow_wait = std::chrono::milliseconds(200);
    Server s(o, h);
    auto running = std::async(std::launch::async, [&] { return get(s.url("/slow")); });
    wait_until([&] { return h.started == 1; });
    auto late = std::async(std::launch::async, [&] { return get(s.url("/slow")); });
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // longer than max_slow_wait
    h.release = true;
    EXPECT_EQ(running.get(), "200 ");
    const std::string answer = late.get();
    EXPECT_NE(answer.find("503"), std::string::npos) << answer;
    EXPECT_EQ(h.started, 1);  // never run
}

// Whatever a handler does — throw an exception quoting bytes that are not UTF-8 (they cannot
// go into a JSON answer), throw something that is not an exception — the client gets one
// problem+json answer and the log one line, on the reactor and on the analysis workers alike.
// (Before: a 500 text/plain from Pistache on the reactor, no answer at all from a worker.)
TEST(HttpServerRobustness, EveryRequestGetsOneAnswerAndOneLogLineWhateverTheHandlerThrows) {
    std::ostringstream log;
    ServerOptions o = options();
    o.log = &log;
    HttpServer server(
        o,
        [](const std::string& path) {
            return Route{{"GET"}, path.rfind("/slow", 0) == 0};
        },
        [](const HttpRequest& r) -> HttpResponse {
            if (r.path.find("bad-utf8") != std::string::npos)
                throw std::runtime_error("no feature '\xff\xfe'");
            if (r.path.find("problem") != std::string::npos)
                throw ProblemError(404, "Inconnu", "no item '\xc3'");
            if (r.path.find("int") != std::string::npos) throw 42;
            return HttpResponse{};
        });
    server.start();
    const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
    int requests = 0;
    for (const char* prefix : {"/fast-", "/slow-"})
        for (const char* what : {"bad-utf8", "problem", "int"}) {
            const std::string url = base + prefix + what;
            const auto r =
                shell("curl -s -m 10 -w '\\n%{http_code} %{content_type}' '" + url + "'");
            ++requests;
            const auto last = r.out.rfind('\n');
            ASSERT_NE(last, std::string::npos) << url << ": " << r.out;
            const std::string status = r.out.substr(last + 1);
            EXPECT_TRUE(status == "500 application/problem+json" ||
                        status == "404 application/problem+json")
                << url << ": " << r.out;
            const auto doc = nlohmann::json::parse(r.out.substr(0, last), nullptr, false);
            EXPECT_FALSE(doc.is_discarded()) << url << ": " << r.out;
        }
    server.shutdown();
    const std::string lines = log.str();
    EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), requests) << lines;
}

// SIGTERM while analyses run and wait: each client gets its whole answer (200, or 503 for one
// refused), never an empty reply. Before, a worker's answer could still be in the reactor's
// queue when the listener stopped: 1 run in 4 lost one.
TEST(HttpServerRobustness, ShutdownUnderLoadLosesNoAnswer) {
    for (int round = 0; round < 12; ++round) {
        SlowHandler h;
        ServerOptions o = options();
        o.analysis_threads = 2;
        auto s = std::make_unique<Server>(o, h);
        std::vector<std::future<std::string>> clients;
        for (int i = 0; i < 6; ++i)
            clients.push_back(std::async(std::launch::async, [&, url = s->url("/slow")] {
                return shell("curl -s -m 20 -o /dev/null -w '%{http_code} %{size_download}' '" +
                             url + "'")
                    .out;
            }));
        wait_until([&] { return h.started == 2; });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        h.release = true;
        s.reset();  // shutdown: running and queued analyses answer, then the listener stops
        for (auto& c : clients) {
            const std::string got = c.get();
            EXPECT_TRUE(got.rfind("200 13", 0) == 0 || got.rfind("503 ", 0) == 0)
                << "round " << round << ": '" << got << "'";
        }
    }
}

// A streamed body (large pages are sent chunked) reaches an HTTP/1.0 client, which knows no
// chunked encoding, whole and with its length; HTTP/1.1 clients still get it chunked.
TEST(HttpServerRobustness, StreamedBodiesReachHttp10ClientsWhole) {
    HttpServer server(
        options(),
        [](const std::string&) {
            return Route{{"GET"}, false};
        },
        [](const HttpRequest&) {
            HttpResponse out;
            out.stream = [](const ChunkSink& sink) {
                for (int i = 0; i < 1000; ++i) sink("0123456789");
            };
            return out;
        });
    server.start();
    const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/big";
    const auto old = shell("curl -s -m 10 --http1.0 -D - -o /dev/null -w '%{size_download}' '" +
                           url + "' | tr -d '\\r'");
    EXPECT_NE(old.out.find("Content-Length: 10000"), std::string::npos) << old.out;
    EXPECT_EQ(old.out.find("chunked"), std::string::npos) << old.out;
    EXPECT_NE(old.out.find("\n10000"), std::string::npos) << old.out;
    const auto now =
        shell("curl -s -m 10 -D - -o /dev/null -w '%{size_download}' '" + url + "' | tr -d '\\r'");
    EXPECT_NE(now.out.find("chunked"), std::string::npos) << now.out;
    EXPECT_NE(now.out.find("\n10000"), std::string::npos) << now.out;
    server.shutdown();
}

}  // namespace
