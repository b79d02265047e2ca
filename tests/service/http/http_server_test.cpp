// The HTTP server's handling of slow requests, in process on a free loopback port with curl as
// the client: layers keep being served while an analysis runs, a full queue answers 503 with
// Retry-After, and a request that waited too long is refused instead of run. The handler here is
// a stand-in whose "analysis" waits until the test releases it (no data needed).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
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

}  // namespace
