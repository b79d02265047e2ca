// Turns FINESS establishments into typed structures through the config's selection rules
// (e.g. HAD = category 127 or a name matching HAD, since many HAD are ETs of a hospital).
#include <algorithm>

#include <cctype>
#include <regex>
#include "core/french_format.hpp"

#include "core/errors.hpp"
#include "crs/crs_transform.hpp"
#include "load/finess_establishment.hpp"
#include "load/structure_placement.hpp"

namespace palliacarte {

std::size_t select_finess_structures(const std::vector<FinessEstablishment>& ets,
                                     const std::vector<FinessRule>& rules,
                                     const StructureTypeTable& types, StructurePlacer& placer,
                                     std::vector<Structure>& out, LoadReport& report,
                                     const std::string& path, bool skip_outside) {
    std::size_t skipped = 0;
    struct CompiledRule {
        const FinessRule* rule;
        const StructureType* type;
        std::optional<std::regex> pattern;
        std::optional<std::regex> exclude;
    };
    auto compile = [&](const std::string& text) {
        try {
            return std::regex(text,
                              std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
        } catch (const std::regex_error& e) {
            throw ConfigError(path + ": bad pattern '" + text + "': " + e.what());
        }
    };
    std::vector<CompiledRule> compiled;
    for (const auto& rule : rules) {
        const StructureType* t = types.find(rule.type);
        if (!t)
            throw ConfigError(path + ": select rule names unknown structure type '" + rule.type +
                              "'");
        CompiledRule c{&rule, t, std::nullopt, std::nullopt};
        if (!rule.name_pattern.empty()) c.pattern = compile(rule.name_pattern);
        if (!rule.exclude_pattern.empty()) c.exclude = compile(rule.exclude_pattern);
        compiled.push_back(std::move(c));
    }
    std::size_t selected = 0;
    for (const auto& et : ets) {
        // A national file: an establishment of another département counts only when it stands
        // within the margin (a neighbour's HAD); tested before the rules' regular expressions,
        // which would otherwise run on the whole country.
        if (skip_outside && !placer.has_departement(et.departement)) {
            if (!et.x || !et.y ||
                !placer.within_reach(*et.x, *et.y, epsg_string(et.source_epsg), et.departement))
                continue;
        }
        const CompiledRule* match = nullptr;
        for (const auto& c : compiled) {
            // Cheap category test first; std::regex only when needed.
            const auto& cats = c.rule->categories;
            const bool hit =
                std::find(cats.begin(), cats.end(), et.categetab) != cats.end() ||
                (c.pattern &&
                 (std::regex_search(et.rs, *c.pattern) ||
                  (!et.rslongue.empty() && std::regex_search(et.rslongue, *c.pattern))));
            if (hit && !(c.exclude && std::regex_search(et.rs, *c.exclude))) {
                match = &c;
                break;
            }
        }
        if (!match) continue;
        // A national or départemental file covers more than the study area: leave out what
        // lies beyond its margin (counted below) instead of reporting each as a bad position.
        if (skip_outside && et.x && et.y &&
            !placer.within_reach(*et.x, *et.y, epsg_string(et.source_epsg), et.departement)) {
            ++skipped;
            continue;
        }
        ++selected;
        Structure s;
        std::string prefix = match->type->code;
        std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        s.id = prefix + "-" + et.nofinesset;
        s.name = et.rslongue.empty() ? et.rs : et.rslongue;
        s.type = match->type->code;
        s.finess_et = et.nofinesset;
        s.finess_ej = et.nofinessej;
        s.finess_category = et.categetab;
        s.finess_category_label = et.libcategetab;
        s.commune_insee = et.commune_insee;
        s.address = et.address;
        s.source = et.source;
        const auto colon = et.source.rfind(':');
        const std::string where =
            colon == std::string::npos ? "" : "ligne " + et.source.substr(colon + 1);
        if (et.x && et.y) {
            placer.place(s, *et.x, *et.y, epsg_string(et.source_epsg), report, path, where,
                         et.departement);
            if (s.position) s.position_source = "FINESS (" + epsg_string(et.source_epsg) + ")";
        } else if (!et.position_problem.empty()) {
            s.position_problem = et.position_problem;
        } else {
            report.info(path, where, "no_position", s.id + " : FINESS ne donne pas de coordonnées");
        }
        placer.add(std::move(s), out, report, path, where);
    }
    if (skipped > 0)
        report.info(
            path, "", "outside_study_area",
            counted(double(skipped), "établissement retenu est", "établissements retenus sont") +
                " au-delà de la marge du territoire : laissés de côté");
    return selected;
}

}  // namespace palliacarte
