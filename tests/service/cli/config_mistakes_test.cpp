// The mistakes planners make in a territory config, one case each (issue: "results a planner can
// trust"): each is the demo config with one JSON merge patch applied (RFC 7386; null removes a
// key) or a file written as is, run through `palliacarte analyze`. Every case checks the exit
// code, the message's key words and that the file is named — none may end with exit 0 and no
// word of the problem.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_paths.hpp"
#include "test_shell.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using palliacarte::test::ScratchDir;
using palliacarte::test::shell;

struct Mistake {
    std::string name;                ///< also the config's file name
    std::string base;                ///< "92" or "corse": the demo config patched
    std::string patch;               ///< JSON merge patch, or raw file text when `raw`
    int exit_code;                   ///< 2: configuration error; 0: runs, with the problem flagged
    std::vector<std::string> words;  ///< all must appear in the output
    bool raw = false;
    /// Writes the case's own data files into the scratch folder; "@DIR@" in the patch is it.
    std::function<void(const fs::path&)> prepare = {};
    /// Checks the files the run wrote (in the folder given) beyond its words.
    std::function<void(const fs::path&)> check = {};
};

// The communes_coverage properties of one commune and type.
json coverage_of(const fs::path& out, const std::string& insee, const std::string& type) {
    std::ifstream in(out / "communes_coverage.geojson");
    const json doc = json::parse(in);
    for (const auto& f : doc["features"])
        if (f["properties"]["insee"] == insee && f["properties"]["type"] == type)
            return f["properties"];
    return json();
}

std::string demo_file(const std::string& territory, const std::string& name) {
    std::ifstream in(fs::path(palliacarte::test::source_dir()) / "data" / "demo" / territory / name,
                     std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

// The 92 filière file with its rows passed through `edit` (header kept; a row the function
// empties is dropped).
std::function<void(const fs::path&)> filiere_92(
    std::function<void(std::vector<std::string>&)> edit) {
    return [edit](const fs::path& dir) {
        std::istringstream in(demo_file("hauts-de-seine", "palliative-92.csv"));
        std::string header, line, out;
        std::getline(in, header);
        std::vector<std::string> rows;
        while (std::getline(in, line)) rows.push_back(line);
        edit(rows);
        out = header + "\n";
        for (const auto& r : rows)
            if (!r.empty()) out += r + "\n";
        write_file(dir / "filiere.csv", out);
    };
}

// The fields of a CSV row without quoted commas (the 92 rows edited here have none).
std::vector<std::string> split(const std::string& row) {
    std::vector<std::string> f(1);
    for (const char c : row) {
        if (c == ',')
            f.emplace_back();
        else
            f.back() += c;
    }
    return f;
}
std::string join(const std::vector<std::string>& f) {
    std::string out;
    for (std::size_t k = 0; k < f.size(); ++k) out += (k ? "," : "") + f[k];
    return out;
}

json demo_config(const std::string& base) {
    const std::string file = base == "92" ? "hauts-de-seine.json" : "corse.json";
    std::ifstream in(palliacarte::test::config(file));
    json doc = json::parse(in);
    // The data root as an absolute path: the patched copy lives in a scratch folder.
    doc["data_root"] =
        (fs::path(palliacarte::test::source_dir()) / "data" / doc["data_root"].get<std::string>())
            .string();
    return doc;
}

const std::vector<Mistake>& mistakes() {
    static const std::vector<Mistake> all = {
        // Unknown or misplaced keys.
        {"departement-singulier",
         "92",
         R"({"departement": ["92"], "departements": null})",
         2,
         {"clé inconnue `departement`", "vouliez-vous dire `departements`"}},
        {"crow-fly-sous-analysis",
         "92",
         R"({"analysis": {"crow_fly": {"speed_kmh": 50}}})",
         2,
         {"clé inconnue `analysis.crow_fly`", "`crow_fly` se place à la racine du fichier",
          "pas dans `analysis`"}},
        {"exclude-patern",
         "corse",
         R"({"structures": [{"format": "finess-flat", "path": "finess.csv", "select": [
             {"type": "HOPITAL", "categories": ["101"], "exclude_patern": "SMUR"}]}]})",
         2,
         {"clé inconnue `structures[0].select[0].exclude_patern`",
          "vouliez-vous dire `structures[0].select[0].exclude_pattern`"}},
        {"categorie",
         "corse",
         R"({"structures": [{"format": "finess-flat", "path": "finess.csv", "select": [
             {"type": "HAD", "categorie": ["127"]}]}]})",
         2,
         {"clé inconnue `structures[0].select[0].categorie`",
          "vouliez-vous dire `structures[0].select[0].categories`"}},
        {"categories-au-mauvais-niveau",
         "corse",
         R"({"structures": [{"format": "finess-flat", "path": "finess.csv", "categories": ["127"],
             "select": [{"type": "HAD", "categories": ["127"]}]}]})",
         2,
         {"clé inconnue `structures[0].categories`", "se place dans `structures[].select[]`"}},
        {"analysis-type",
         "92",
         R"({"analysis": {"type": ["HAD"], "types": null}})",
         2,
         {"clé inconnue `analysis.type`", "vouliez-vous dire `analysis.types`"}},
        {"roads-fields-lenght",
         "corse",
         R"({"roads": {"fields": {"lenght": "length_m"}}})",
         2,
         {"clé inconnue `roads.fields.lenght`", "vouliez-vous dire `roads.fields.length`"}},
        {"cle-sans-rapport",
         "92",
         R"({"couleur": "bleu"})",
         2,
         {"clé inconnue `couleur`", "clés possibles à la racine du fichier"}},
        // Wrong types and ranges.
        {"declared-area-yes",
         "92",
         R"({"analysis": {"coverage": {"declared_area_covers": "yes"}}})",
         2,
         {"`analysis.coverage.declared_area_covers`", "booléen", "trouvé la chaîne \"yes\""}},
        {"speed-en-chaine",
         "92",
         R"({"crow_fly": {"speed_kmh": "30"}})",
         2,
         {"`crow_fly.speed_kmh`", "attendu un nombre", "trouvé la chaîne \"30\""}},
        {"marge-negative",
         "92",
         R"({"structure_margin_km": -5})",
         2,
         {"`structure_margin_km`", "doit être ≥ 0", "trouvé -5"}},
        {"k-decimal",
         "92",
         R"({"analysis": {"where_next": {"k": 2.7}}})",
         2,
         {"`analysis.where_next.k`", "nombre entier", "2.7"}},
        {"seuil-en-chaine",
         "92",
         R"({"analysis": {"threshold_min": {"HAD": "30"}}})",
         2,
         {"`analysis.threshold_min.HAD`", "attendu un nombre", "trouvé la chaîne \"30\""}},
        {"seuils-vides",
         "92",
         R"({"analysis": {"catchment_thresholds_min": []}})",
         2,
         {"`analysis.catchment_thresholds_min`", "ne doit pas être vide"}},
        {"part-en-pourcent",
         "92",
         R"({"analysis": {"coverage": {"covered_min_share": 95}}})",
         2,
         {"`analysis.coverage.covered_min_share`", "doit être ≤ 1", "trouvé 95"}},
        {"parts-inversees",
         "92",
         R"({"analysis": {"coverage": {"covered_min_share": 0.2, "white_zone_max_share": 0.5}}})",
         2,
         {"`analysis.coverage.white_zone_max_share`", "doit être ≤ covered_min_share"}},
        {"snap-zero",
         "corse",
         R"({"roads": {"snap_max_distance_m": 0}})",
         2,
         {"`roads.snap_max_distance_m`", "doit être > 0"}},
        {"format-structures-inconnu",
         "92",
         R"({"structures": [{"format": "finess", "path": "x"}]})",
         2,
         {"`structures[0].format`", "n'est pas une valeur permise", "finess-etalab"}},
        {"format-population-inconnu",
         "92",
         R"({"population": {"format": "insee"}})",
         2,
         {"`population.format`", "etalab-communes-json"}},
        {"format-territoires-presque",
         "92",
         R"({"territories": [{"name": "EPT", "format": "etalab-grouping", "path": "ept.json"}]})",
         2,
         {"`territories[0].format`", "vouliez-vous dire \"etalab-groupings\""}},
        {"nom-vide", "92", R"({"name": ""})", 2, {"`name`", "ne doit pas être vide"}},
        {"communes-absentes", "92", R"({"communes": null})", 2, {"clé `communes` manquante"}},
        {"grille-sans-chemin",
         "92",
         R"({"analysis": {"population_grid": {"path": null, "crs": "EPSG:3035"}}})",
         2,
         {"clé `analysis.population_grid.path` manquante"}},
        {"deux-erreurs",
         "92",
         R"({"departement": ["92"], "structure_margin_km": "15"})",
         2,
         {"2 erreurs dans", "clé inconnue `departement`", "`structure_margin_km`"}},
        {"json-invalide",
         "92",
         "{\"name\": \"T\",\n}",
         2,
         {"n'est pas du JSON valide, ligne 2, colonne 1"},
         true},
        // Values that parse but cannot give a right answer.
        {"crs-geographique",
         "92",
         R"({"crs": "EPSG:4326"})",
         2,
         {"`crs`", "EPSG:4326", "système géographique en degrés", "projeté"}},
        {"crs-inconnu", "92", R"({"crs": "EPSG:999999"})", 2, {"`crs`", "PROJ ne connaît pas"}},
        {"crs-mal-ecrit",
         "92",
         R"({"crs": "Lambert93"})",
         2,
         {"`crs`", "attendu \"auto\" ou \"EPSG:<code>\""}},
        {"type-inconnu",
         "92",
         R"({"analysis": {"types": ["EMSP", "HADD"]}})",
         2,
         {"`analysis.types`", "« HADD » inconnu", "vouliez-vous dire « HAD »"}},
        {"candidat-inconnu",
         "corse",
         R"({"analysis": {"where_next": {"candidate_types": ["HOPITALL"]}}})",
         2,
         {"`analysis.where_next.candidate_types`", "vouliez-vous dire « HOPITAL »"}},
        {"sans-population",
         "92",
         R"({"population": null, "analysis": {"population_grid": null}})",
         2,
         {"aucune population chargée", "area_only"}},
        {"dossier-de-donnees-absent",
         "92",
         R"({"data_root": "/nonexistent-palliacarte"})",
         2,
         {"/nonexistent-palliacarte", "n'existe pas"}},
        // Runs that succeed, with the problem said where the figure is.
        {"type-sans-structure",
         "92",
         R"({"structures": [{"format": "filiere-csv", "path": "@DIR@/filiere.csv"}],
             "analysis": {"where_next": null}})",
         0,
         {"EMSP       seuil 30 min : ATTENTION, aucune structure localisée",
          "en zone blanche faute de données"},
         false,
         filiere_92([](std::vector<std::string>& rows) {
             for (auto& r : rows)
                 if (r.find(",EMSP,") != std::string::npos) r.clear();
         })},
        {"lat-lon-inversees",
         "92",
         R"({"structures": [{"format": "filiere-csv", "path": "@DIR@/filiere.csv"}]})",
         0,
         {"probablement inversées", "tombe dans la commune 92062", "Signalements : 1 rejet"},
         false,
         filiere_92([](std::vector<std::string>& rows) {
             auto f = split(rows[0]);  // Puteaux's USP: lon, lat swapped, no Lambert-93
             std::swap(f[8], f[9]);
             f[10].clear();
             f[11].clear();
             rows[0] = join(f);
         })},
        {"meme-point-adresses-differentes",
         "92",
         R"({"structures": [{"format": "filiere-csv", "path": "@DIR@/filiere.csv"}]})",
         0,
         {"4 structures au même point", "Maison médicale Notre Dame du Lac",
          "géocodage par défaut"},
         false,
         filiere_92([](std::vector<std::string>& rows) {
             const auto first = split(rows[0]);
             for (std::size_t k = 1; k <= 2; ++k) {
                 auto f = split(rows[k]);
                 for (std::size_t c = 8; c <= 11; ++c) f[c] = first[c];
                 rows[k] = join(f);
             }
         })},
        {"commune-sans-contour",
         "92",
         R"({"communes": {"path": "@DIR@/communes.geojson"}})",
         0,
         {"Hors carte : ", "de 1 commune sans contour", "35 communes"},
         false,
         [](const fs::path& dir) {
             auto doc = json::parse(demo_file("hauts-de-seine", "communes.geojson"));
             doc["features"].erase(doc["features"].begin());
             write_file(dir / "communes.geojson", doc.dump());
         }},
        {"surface-seulement",
         "92",
         R"({"population": null, "analysis": {"population_grid": null, "area_only": true,
             "where_next": null}})",
         0,
         {"analyse en surface seulement", "de la surface dans le seuil"},
         false,
         {},
         [](const fs::path& out) {
             const json p = coverage_of(out, "92012", "EMSP");  // Boulogne-Billancourt
             ASSERT_FALSE(p.is_null());
             for (const char* k : {"population", "population_within", "population_uncovered",
                                   "share_population_within"})
                 EXPECT_TRUE(p[k].is_null()) << k << " " << p[k];
             EXPECT_FALSE(p["share_area_within"].is_null());
             std::ifstream in(out / "report.md");
             std::stringstream report;
             report << in.rdbuf();
             EXPECT_EQ(report.str().find("Population dans le seuil"), std::string::npos);
             EXPECT_NE(report.str().find("Surface dans le seuil"), std::string::npos);
         }},
        {"hors-route-compte",
         "corse",
         "{}",
         0,
         {"Hors route : 343 habitants à plus de 1 000 m d'une route (comptés avec leur trajet "
          "jusqu'à la route)"},
         false,
         {},
         [](const fs::path& out) {
             // Ajaccio has people beyond 1 km of a road: its worst time stays meaningful.
             const json p = coverage_of(out, "2A004", "HAD");
             ASSERT_FALSE(p.is_null());
             EXPECT_TRUE(p["max_minutes"].is_number()) << p;
         }},
        {"hors-route-hors-atteinte",
         "corse",
         R"({"roads": {"off_road": "out-of-reach"}})",
         0,
         {"Hors route : 343 habitants à plus de 1 000 m d'une route (comptés hors d'atteinte)"},
         false,
         {},
         [](const fs::path& out) {
             const json p = coverage_of(out, "2A004", "HAD");
             ASSERT_FALSE(p.is_null());
             EXPECT_TRUE(p["max_minutes"].is_null()) << p;  // some of its people are unreached
         }},
        {"structures-hors-territoire",
         "92",
         "{}",
         0,
         {"HAD : 2 des", "(hors du territoire, à moins de 15 km"}},
        {"departement-ambigu",
         "corse",
         R"({"structures": [{"format": "finess-flat", "path": "finess.csv", "select": [
               {"type": "HAD", "categories": ["127"]}]},
             {"format": "filiere-csv", "path": "@DIR@/filiere.csv"}],
             "analysis": {"types": ["HAD", "EMSP"], "where_next": null}})",
         0,
         {"déclaré pour « Département » sans commune", "2 départements (2A, 2B)",
          "structure comptée une fois"},
         false,
         [](const fs::path& dir) {
             write_file(dir / "filiere.csv",
                        "id,name,type,territory,commune_insee,lon,lat\n"
                        "emsp-corse,Équipe mobile de Corse,EMSP,Département,,,\n");
         }},
    };
    return all;
}

// gtest prints the case's name, not its bytes.
void PrintTo(const Mistake& m, std::ostream* os) {
    *os << m.name;
}

class ConfigMistake : public ::testing::TestWithParam<Mistake> {};

TEST_P(ConfigMistake, EndsWithTheRightExitCodeAndSaysWhy) {
    const Mistake& m = GetParam();
    ScratchDir dir("mistake-" + m.name);
    const std::string config = (dir.path() / (m.name + ".json")).string();
    {
        std::ofstream out(config);
        if (m.prepare) m.prepare(dir.path());
        std::string patch = m.patch;
        for (std::size_t at; (at = patch.find("@DIR@")) != std::string::npos;)
            patch.replace(at, 5, dir.path().string());
        if (m.raw) {
            out << patch;
        } else {
            json doc = demo_config(m.base);
            doc.merge_patch(json::parse(patch));
            out << doc.dump(2);
        }
    }
    const auto run = shell(std::string(PALLIACARTE_BINARY) + " analyze " + config + " --out " +
                           (dir.path() / "out").string() + " --quiet");
    EXPECT_EQ(run.status, m.exit_code) << run.out;
    EXPECT_NE(run.out.find(m.name + ".json"), std::string::npos) << "the file is not named:\n"
                                                                 << run.out;
    for (const auto& w : m.words)
        EXPECT_NE(run.out.find(w), std::string::npos) << "missing « " << w << " » in:\n" << run.out;
    EXPECT_EQ(run.out.find("erreur interne"), std::string::npos) << run.out;
    if (m.check && run.status == 0) m.check(dir.path() / "out");
    // PALLIACARTE_MISTAKES_LOG=FILE: each case and what the program said, for the docs.
    if (const char* log = std::getenv("PALLIACARTE_MISTAKES_LOG")) {
        std::ofstream out(log, std::ios::app);
        out << "### " << m.name << " (exit " << run.status << ")\n";
        std::istringstream lines(run.out);
        for (std::string line; std::getline(lines, line);)
            for (const auto& w : m.words)
                if (line.find(w) != std::string::npos) {
                    out << "    " << line << "\n";
                    break;
                }
    }
    EXPECT_EQ(run.out.find("json.exception"), std::string::npos) << run.out;
}

INSTANTIATE_TEST_SUITE_P(Table, ConfigMistake, ::testing::ValuesIn(mistakes()),
                         [](const ::testing::TestParamInfo<Mistake>& info) {
                             std::string n = info.param.name;
                             for (auto& c : n)
                                 if (c == '-') c = '_';
                             return n;
                         });

}  // namespace
