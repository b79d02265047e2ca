#include "output/analysis_database.hpp"

#include <nlohmann/json.hpp>

#include "core/connection_text.hpp"
#include "output/analysis_outputs.hpp"
#include "output/coverage_layers.hpp"
#include "output/run_provenance.hpp"

namespace palliacarte::output {

namespace {

// What the database keeps of the config and the provenance: every connection string in them
// without its password.
template <typename Json>
Json without_passwords(Json j) {
    if (j.is_string()) return core::without_password(j.template get<std::string>());
    if (j.is_structured())
        for (auto& v : j) v = without_passwords(std::move(v));
    return j;
}

}  // namespace

std::string run_figures_json(const analysis::CoverageAnalysis& analysis) {
    nlohmann::ordered_json figures = nlohmann::ordered_json::array();
    for (const auto& tc : analysis.types) {
        double population = 0, within = 0, white_inhabitants = 0;
        std::size_t white = 0;
        for (const auto& c : tc.communes) {
            population += c.population;
            within += c.population_within;
            if (c.status == analysis::CoverageStatus::white_zone) {
                ++white;
                white_inhabitants += c.population;
            }
        }
        figures.push_back({{"type", tc.type},
                           {"threshold_min", tc.threshold_min},
                           {"structures", tc.located.size()},
                           {"population", population},
                           {"population_within", within},
                           {"share_population_within", population > 0 ? within / population : 0},
                           {"white_zone_communes", white},
                           {"white_zone_inhabitants", white_inhabitants}});
    }
    return figures.dump();
}

PostgisWriteReport write_analysis_database(const PostgisTarget& target,
                                           const config::TerritoryConfig& config,
                                           const model::Territory& territory,
                                           const analysis::CoverageAnalysis& analysis,
                                           const std::string& styles_dir,
                                           const std::function<void(const std::string&)>& notice) {
    check_schema_name(target.schema);  // before the layers are built
    std::vector<core::StepTiming> timings;
    std::vector<model::Layer> layers;
    {
        core::StepClock t(timings, "layers");
        layers = coverage_layers(territory, analysis);
    }
    const RunProvenance provenance = make_run_provenance(config, territory, analysis);
    std::vector<std::string> qml;
    for (const auto& l : layers) qml.push_back(layer_qml(styles_dir, l, analysis));
    PostgisRunRecord run;
    run.territory = config.name;
    run.config_path = config.config_path;
    run.config_json = without_passwords(config.document).dump();
    run.run_date = provenance.run_date;
    run.version = provenance.version;
    run.provenance_json = without_passwords(provenance.to_json()).dump();
    run.figures_json = run_figures_json(analysis);
    PostgisWriteReport report =
        write_postgis_run(target, layers, layer_styles(layers, qml, styles_dir), run, notice);
    report.timings.insert(report.timings.begin(), timings.begin(), timings.end());
    return report;
}

}  // namespace palliacarte::output
