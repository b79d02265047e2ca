// The service's route table against its own OpenAPI document (Hauts-de-Seine demo): every
// documented path and method is routed with that method, and only the road searches are slow.
#include <gtest/gtest.h>

#include "served_demo.hpp"

namespace palliacarte::test {
namespace {

// "/collections/structures/items/{featureId}" → "/collections/structures/items/1".
std::string concrete(const std::string& path) {
    std::string out;
    bool in_name = false;
    for (const char c : path) {
        if (c == '{') out.push_back('1');
        if (c == '{' || c == '}')
            in_name = c == '{';
        else if (!in_name)
            out.push_back(c);
    }
    return out;
}

TEST(ServiceRoutes, EveryDocumentedPathIsRoutedWithItsMethodsOnly) {
    const serve::ServiceRoutes routes(served_demo());
    const auto api = nlohmann::json::parse(call("GET", "/api").body);
    ASSERT_GE(api["paths"].size(), 4u + 3 * 7 + 3);  // 4 documents, 7 collections × 3, 3 analyses
    for (const auto& [path, item] : api["paths"].items()) {
        const http::Route route = routes.route(concrete(path));
        std::vector<std::string> documented;
        for (const auto& [method, operation] : item.items()) {
            std::string upper = method;
            for (auto& ch : upper) ch = static_cast<char>(std::toupper(ch));
            documented.push_back(upper);
        }
        EXPECT_EQ(route.methods, documented) << path;
        const bool searches_roads = path == "/analysis/catchment" || path == "/analysis/scenario";
        EXPECT_EQ(route.slow, searches_roads) << path;
    }
}

TEST(ServiceRoutes, UndocumentedPathsAreNotRouted) {
    const serve::ServiceRoutes routes(served_demo());
    EXPECT_TRUE(routes.route("/analysis").methods.empty());
    EXPECT_TRUE(routes.route("/collections/communes/items/1/more").methods.empty());
    EXPECT_EQ(call("GET", "/analysis/nothing").status, 404);
}

}  // namespace
}  // namespace palliacarte::test
