// The route matcher on a small table written here: patterns, methods, slow flags, 404/405 and
// the OpenAPI entries it gathers.
#include <gtest/gtest.h>

#include "http/route_table.hpp"

namespace palliacarte::http {
namespace {

HttpResponse text(const std::string& body) {
    HttpResponse r;
    r.body = body;
    return r;
}

RouteTable table() {
    RouteTable t;
    t.add({"/", "GET", false, [](const HttpRequest&, const PathParams&) { return text("root"); },
           [] {
               return nlohmann::json{{"/", {{"get", {{"operationId", "root"}}}}}};
           }});
    t.add({"/things/{id}", "GET", false,
           [](const HttpRequest&, const PathParams& p) { return text("thing " + p.at("id")); },
           [] {
               return nlohmann::json{{"/things/{id}", {{"get", {{"operationId", "get"}}}}}};
           }});
    t.add({"/things/{id}", "POST", true,
           [](const HttpRequest&, const PathParams& p) { return text("posted " + p.at("id")); },
           [] {
               return nlohmann::json{{"/things/{id}", {{"post", {{"operationId", "post"}}}}}};
           }});
    t.add({"/things/{id}/parts/{part}",
           "GET",
           false,
           [](const HttpRequest&, const PathParams& p) {
               return text(p.at("id") + "/" + p.at("part"));
           },
           {}});
    return t;
}

HttpResponse call(const RouteTable& t, const std::string& method, const std::string& path) {
    HttpRequest r;
    r.method = method;
    r.path = path;
    return t.handle(r);
}

int status_of(const RouteTable& t, const std::string& method, const std::string& path) {
    try {
        call(t, method, path);
        return 200;
    } catch (const ProblemError& e) {
        return e.status;
    }
}

TEST(RouteTable, MatchesPatternsAndPassesTheirSegments) {
    const RouteTable t = table();
    EXPECT_EQ(call(t, "GET", "/").body, "root");
    EXPECT_EQ(call(t, "GET", "").body, "root");
    EXPECT_EQ(call(t, "GET", "/things/42").body, "thing 42");
    EXPECT_EQ(call(t, "GET", "/things/42/").body, "thing 42");  // trailing slash: same resource
    EXPECT_EQ(call(t, "HEAD", "/things/42").body, "thing 42");  // HEAD answered as GET
    EXPECT_EQ(call(t, "POST", "/things/7").body, "posted 7");
    EXPECT_EQ(call(t, "GET", "/things/7/parts/b").body, "7/b");
}

TEST(RouteTable, UnknownPathsAre404AndOtherMethods405) {
    const RouteTable t = table();
    EXPECT_EQ(status_of(t, "GET", "/things"), 404);
    EXPECT_EQ(status_of(t, "GET", "/things//parts/x"), 404);  // an empty segment names nothing
    EXPECT_EQ(status_of(t, "GET", "/things/1/parts"), 404);
    EXPECT_EQ(status_of(t, "GET", "/other"), 404);
    EXPECT_EQ(status_of(t, "POST", "/"), 405);
    EXPECT_EQ(status_of(t, "DELETE", "/things/1"), 405);
    try {
        call(t, "PUT", "/things/1");
        FAIL() << "PUT answered";
    } catch (const ProblemError& e) {
        EXPECT_NE(std::string(e.what()).find("permis : GET, POST"), std::string::npos) << e.what();
    }
}

TEST(RouteTable, RouteGivesMethodsAndSlowness) {
    const RouteTable t = table();
    const Route things = t.route("/things/3");
    EXPECT_EQ(things.methods, (std::vector<std::string>{"GET", "POST"}));
    EXPECT_TRUE(things.slow);
    const Route root = t.route("/");
    EXPECT_EQ(root.methods, std::vector<std::string>{"GET"});
    EXPECT_FALSE(root.slow);
    EXPECT_TRUE(t.route("/nowhere").methods.empty());
}

TEST(RouteTable, OpenApiMergesTheMethodsOfOnePath) {
    const nlohmann::json paths = table().openapi_paths();
    EXPECT_EQ(paths.size(), 2u);  // the undocumented parts path is not listed
    EXPECT_EQ(paths["/things/{id}"]["get"]["operationId"], "get");
    EXPECT_EQ(paths["/things/{id}"]["post"]["operationId"], "post");
}

}  // namespace
}  // namespace palliacarte::http
