// parse ∘ write is the identity: every shipped config (data/*.json, tests/configs/*.json), read,
// written back by territory_config_json and read again, gives the same TerritoryConfig, and
// writing that gives the same JSON, its `about` notes and `analysis` section kept.
#include "config/territory_config_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "config/territory_config.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> shipped_configs() {
    std::vector<std::string> out;
    for (const char* dir : {"/data", "/tests/configs"})
        for (const auto& e : fs::directory_iterator(test::source_dir() + dir)) {
            const std::string name = e.path().filename().string();
            if (e.path().extension() == ".json" && name != "structure-types.json" &&
                name != "territory-config.schema.json" && name != "download-manifest.json" &&
                name != "finess-plus-activities.json")
                out.push_back(e.path().string());
        }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(TerritoryConfigWriter, ParseOfWriteIsTheIdentityOnEveryShippedConfig) {
    const auto configs = shipped_configs();
    ASSERT_GE(configs.size(), 8u);
    for (const auto& path : configs) {
        SCOPED_TRACE(path);
        // The data root named, as the tests do: the national configs name none.
        const auto root = fs::path(path).parent_path().filename() == "configs"
                              ? std::optional<std::string>(test::data_root())
                              : test::data_root_for(fs::path(path).filename().string());
        const config::TerritoryConfig first = config::load_territory_config(path, root);
        const nlohmann::ordered_json written = config::territory_config_json(first, path);
        const nlohmann::json doc = nlohmann::json::parse(written.dump());
        config::TerritoryConfig second = config::parse_territory_config(doc, path, root);
        EXPECT_EQ(nlohmann::json::parse(config::territory_config_json(second, path).dump()), doc);
        // Field by field; what records where the file came from is not the file's content.
        second.document = first.document;
        second.data_root_origin = first.data_root_origin;
        EXPECT_TRUE(second.communes == first.communes);
        EXPECT_TRUE(second.population == first.population);
        EXPECT_TRUE(second.structures == first.structures);
        EXPECT_TRUE(second.territories == first.territories);
        EXPECT_TRUE(second.roads == first.roads);
        EXPECT_TRUE(second == first);
        // The file's notes and its analysis section survive.
        if (first.document.contains("about")) {
            EXPECT_EQ(doc["about"], first.document["about"]);
        }
        if (first.document.contains("analysis")) {
            EXPECT_EQ(doc["analysis"], first.document["analysis"]);
        }
    }
}

}  // namespace
}  // namespace palliacarte
