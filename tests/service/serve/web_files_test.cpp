// The web map's files as the server reads them: the whole of service/web/ (ES modules under
// js/), never npm's files or a path out of the directory, and the routes that serve them.
#include "serve/web_files.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "served_demo.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {
namespace {

namespace fs = std::filesystem;

const std::string& web_dir() {
    static const std::string dir = source_dir() + "/service/web";
    return dir;
}
const std::string& styles_dir() {
    static const std::string dir = source_dir() + "/styles";
    return dir;
}

TEST(WebFiles, SafePathsNameFilesAndNothingElse) {
    for (const char* ok : {"carte.html", "js/main.js", "palette.json", "img/logo-2.svg", "a_b.css"})
        EXPECT_EQ(serve::safe_web_path(ok), std::optional<std::string>(ok)) << ok;
    for (const char* refused :
         {"", "..", "../carte.html", "js/../../etc/passwd", "/carte.html", "js//main.js",
          ".eslintrc.json", "js/.hidden.js", "%2e%2e/x.js", "js\\main.js", "a/b/c.js",
          "CMakeLists.txt", "web_files.cpp", "eslint.config.mjs", "js/"})
        EXPECT_FALSE(serve::safe_web_path(refused)) << refused;
}

TEST(WebFiles, TheWholeWebDirectoryIsServedButNpmsFiles) {
    const serve::WebFiles web = serve::WebFiles::load(web_dir(), styles_dir());
    if (!fs::exists(web_dir() + "/node_modules/maplibre-gl"))
        GTEST_SKIP() << "MapLibre not installed (npm ci --prefix service/web)";
    EXPECT_TRUE(web.missing().empty());
    // Every module of js/ is served, found by walking the directory (no list to keep).
    std::size_t modules = 0;
    for (const auto& entry : fs::directory_iterator(web_dir() + "/js")) {
        const std::string path = "js/" + entry.path().filename().string();
        ASSERT_NE(web.find(path), nullptr) << path;
        EXPECT_EQ(web.find(path)->content_type, "text/javascript; charset=utf-8");
        ++modules;
    }
    EXPECT_GE(modules, 10u);
    EXPECT_NE(web.find("carte.html")->body.find("type=\"module\""), std::string::npos);
    EXPECT_EQ(web.find("maplibre-gl.js")->max_age, 86400);
    EXPECT_NE(web.find("palette.json")->body.find("\"minutes\""), std::string::npos);
    for (const auto& path : web.paths()) {
        EXPECT_EQ(path.find("node_modules"), std::string::npos) << path;
        EXPECT_NE(path, "package.json");
        EXPECT_NE(path, "package-lock.json");
    }
}

TEST(WebFiles, LinksOutOfTheDirectoryAreNotFollowed) {
    ScratchDir dir("web-files");
    fs::create_directories(dir.path() / "web" / "js");
    std::ofstream(dir.path() / "secret.json") << "{\"password\": 1}";
    std::ofstream(dir.path() / "web" / "carte.html") << "<html></html>";
    std::ofstream(dir.path() / "web" / "js" / "main.js") << "export {};";
    fs::create_symlink(dir.path() / "secret.json", dir.path() / "web" / "secret.json");
    const serve::WebFiles web = serve::WebFiles::load(dir.file("web"), dir.file("styles"));
    EXPECT_NE(web.find("js/main.js"), nullptr);
    EXPECT_EQ(web.find("secret.json"), nullptr);
    // carte.css, MapLibre and the palette are missing: each named.
    const auto& missing = web.missing();
    EXPECT_EQ(missing.size(), 4u);
    EXPECT_TRUE(std::any_of(missing.begin(), missing.end(),
                            [](const std::string& m) { return m.ends_with("palette.json"); }));
}

TEST(WebFiles, RoutesServeModulesAndRefuseOtherPaths) {
    const serve::WebFiles web = serve::WebFiles::load(web_dir(), styles_dir());
    if (!web.missing().empty()) GTEST_SKIP() << "web map not installed";
    const serve::ServiceRoutes routes(served_demo(), &web);
    auto get = [&](const std::string& path) {
        http::HttpRequest r;
        r.method = "GET";
        r.path = path;
        r.base_url = "http://test";
        try {
            return routes.handle(r);
        } catch (const http::ProblemError& e) {
            return http::problem_response(e.status, e.title, e.what());
        }
    };
    const auto main_js = get("/carte/js/main.js");
    EXPECT_EQ(main_js.status, 200);
    EXPECT_NE(main_js.body.find("import "), std::string::npos);
    EXPECT_EQ(get("/carte/carte.html").status, 200);
    EXPECT_EQ(get("/carte/js/nothing.js").status, 404);
    const auto traversal = get("/carte/%2e%2e/CMakeLists.txt");
    EXPECT_EQ(traversal.status, 400);
    EXPECT_NE(traversal.body.find("ne peut nommer aucun fichier"), std::string::npos);
    EXPECT_EQ(get("/carte/node_modules/package.json").status, 404);
    EXPECT_EQ(get("/carte/.eslintrc.js").status, 400);
}

}  // namespace
}  // namespace palliacarte::test
