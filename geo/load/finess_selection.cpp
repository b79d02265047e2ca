// Turns FINESS establishments into typed structures through the config's selection rules
// (e.g. HAD = category 127 or a name matching HAD, since many HAD are ETs of a hospital).
#include <algorithm>

#include <cctype>
#include <regex>
#include <set>
#include "core/french_format.hpp"

#include "core/errors.hpp"
#include "crs/crs_transform.hpp"
#include "load/finess_establishment.hpp"
#include "load/structure_placement.hpp"

namespace palliacarte::load {

namespace {

// A type an establishment becomes, with what its matching activities say.
struct Selection {
    const model::StructureType* type = nullptr;
    std::optional<double> capacity;
    std::string capacity_unit;
    std::string codes;  // "R4/N2, R4/W2"
    std::vector<std::string> zone;
};

// "R4/N2" matches that modality only; "R4" any modality of R4.
bool activity_matches(const FinessActivity& a, const std::vector<std::string>& wanted) {
    for (const auto& w : wanted)
        if (w == a.code() || w == a.activity) return true;
    return false;
}

// TRE_R329 unit of a capacity, as a planner reads it.
std::string unit_label(const std::string& code) {
    if (code == "02") return "lits";
    return code.empty() ? "" : "unités (TRE_R329 " + code + ")";
}

// Adds what `acts` give to the type's selection (distinct authorisations of one type add up:
// medicine and SSR identified beds are different beds).
void merge_selection(std::vector<Selection>& chosen, const model::StructureType* type,
                     const std::vector<const FinessActivity*>& acts) {
    auto it = std::find_if(chosen.begin(), chosen.end(),
                           [&](const Selection& s) { return s.type == type; });
    if (it == chosen.end()) {
        chosen.push_back(Selection{type, std::nullopt, "", "", {}});
        it = chosen.end() - 1;
    }
    for (const FinessActivity* a : acts) {
        if (a->capacity &&
            (it->capacity_unit.empty() || it->capacity_unit == unit_label(a->capacity_unit))) {
            it->capacity = it->capacity.value_or(0) + *a->capacity;
            it->capacity_unit = unit_label(a->capacity_unit);
        }
        const std::string code = a->nature + " " + a->code();
        if (it->codes.find(code) == std::string::npos)
            it->codes += (it->codes.empty() ? "" : ", ") + code;
        for (const auto& c : a->zone)
            if (std::find(it->zone.begin(), it->zone.end(), c) == it->zone.end())
                it->zone.push_back(c);
    }
}

}  // namespace

FinessPlusFilter finess_plus_filter(const std::vector<config::FinessRule>& rules) {
    std::set<std::string> codes, zone_natures, categories;
    std::vector<std::regex> names;
    for (const auto& r : rules) {
        codes.insert(r.activities.begin(), r.activities.end());
        zone_natures.insert(r.zone_natures.begin(), r.zone_natures.end());
        categories.insert(r.categories.begin(), r.categories.end());
        if (!r.name_pattern.empty()) {
            try {
                names.emplace_back(r.name_pattern, std::regex::ECMAScript | std::regex::icase |
                                                       std::regex::optimize);
            } catch (const std::regex_error&) {
                names.clear();  // the selection reports the bad pattern; keep everything
                categories.clear();
                codes.clear();
                return {};
            }
        }
    }
    FinessPlusFilter f;
    f.activity = [codes, zone_natures](const FinessActivity& a) {
        return codes.count(a.code()) || codes.count(a.activity) ||
               (!a.zone.empty() && zone_natures.count(a.nature));
    };
    f.establishment = [categories, names](const FinessEstablishment& et) {
        if (!et.activities.empty() || categories.count(et.categetab)) return true;
        for (const auto& re : names)
            if (std::regex_search(et.rs, re) || std::regex_search(et.rslongue, re)) return true;
        return false;
    };
    return f;
}

namespace {

struct CompiledRule {
    const config::FinessRule* rule;
    const model::StructureType* type;
    std::optional<std::regex> pattern;
    std::optional<std::regex> exclude;
};

struct CompiledRules {
    std::vector<CompiledRule> by_category_or_name;  ///< the first that matches gives the type
    std::vector<CompiledRule> by_activity;  ///< finess-plus: each matching rule makes a structure
};

CompiledRules compile_rules(const std::vector<config::FinessRule>& rules,
                            const model::StructureTypeTable& types, const std::string& path) {
    auto compile = [&](const std::string& text) {
        try {
            return std::regex(text,
                              std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
        } catch (const std::regex_error& e) {
            throw core::ConfigError(path + " : motif « " + text + " » invalide (" + e.what() + ")");
        }
    };
    CompiledRules out;
    for (const auto& rule : rules) {
        const model::StructureType* t = types.find(rule.type);
        if (!t)
            throw core::ConfigError(
                path + " : une règle de sélection nomme un type de structure inconnu « " +
                rule.type + " »");
        CompiledRule c{&rule, t, std::nullopt, std::nullopt};
        if (!rule.name_pattern.empty()) c.pattern = compile(rule.name_pattern);
        if (!rule.exclude_pattern.empty()) c.exclude = compile(rule.exclude_pattern);
        (rule.activities.empty() ? out.by_category_or_name : out.by_activity)
            .push_back(std::move(c));
    }
    return out;
}

// What this ET becomes: one structure per type its activities give (FINESS+), then the first
// category or name rule that matches, unless it gave that type already.
std::vector<Selection> choose_types(const FinessEstablishment& et, const CompiledRules& rules) {
    std::vector<Selection> chosen;
    for (const auto& c : rules.by_activity) {
        std::vector<const FinessActivity*> acts;
        for (const auto& a : et.activities)
            if (activity_matches(a, c.rule->activities)) acts.push_back(&a);
        if (!acts.empty()) merge_selection(chosen, c.type, acts);
    }
    for (const auto& c : rules.by_category_or_name) {
        // Cheap category test first; std::regex only when needed.
        const auto& cats = c.rule->categories;
        const bool hit =
            std::find(cats.begin(), cats.end(), et.categetab) != cats.end() ||
            (c.pattern && (std::regex_search(et.rs, *c.pattern) ||
                           (!et.rslongue.empty() && std::regex_search(et.rslongue, *c.pattern))));
        if (hit && !(c.exclude && std::regex_search(et.rs, *c.exclude))) {
            std::vector<const FinessActivity*> zoned;
            for (const auto& a : et.activities)
                if (std::find(c.rule->zone_natures.begin(), c.rule->zone_natures.end(), a.nature) !=
                    c.rule->zone_natures.end())
                    zoned.push_back(&a);
            merge_selection(chosen, c.type, zoned);
            break;
        }
    }
    return chosen;
}

// The structure an ET makes for one chosen type, not yet placed.
model::Structure structure_of(const FinessEstablishment& et, const Selection& pick) {
    model::Structure s;
    std::string prefix = pick.type->code;
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    s.id = prefix + "-" + et.nofinesset;
    s.name = et.rslongue.empty() ? et.rs : et.rslongue;
    s.type = pick.type->code;
    s.finess_et = et.nofinesset;
    s.finess_ej = et.nofinessej;
    s.finess_category = et.categetab;
    s.finess_category_label = et.libcategetab;
    s.commune_insee = et.commune_insee;
    s.address = et.address;
    s.source = et.source;
    s.capacity = pick.capacity;
    s.capacity_unit = pick.capacity_unit;
    s.activities = pick.codes;
    s.intervention_communes = pick.zone;
    return s;
}

// "fichier:12" → "ligne 12"; another source's tail as it is.
std::string where_in_source(const std::string& source) {
    const auto colon = source.rfind(':');
    const std::string tail = colon == std::string::npos ? "" : source.substr(colon + 1);
    const bool line = !tail.empty() && std::all_of(tail.begin(), tail.end(), [](unsigned char ch) {
        return std::isdigit(ch);
    });
    return line ? "ligne " + tail : tail;
}

// Places the structure at the ET's coordinates (or says why it has none) and adds it.
void place_and_add(model::Structure s, const FinessEstablishment& et, StructurePlacer& placer,
                   std::vector<model::Structure>& out, core::LoadReport& report,
                   const std::string& path) {
    const std::string where = where_in_source(et.source);
    if (et.x && et.y) {
        placer.place(s, *et.x, *et.y, crs::epsg_string(et.source_epsg), report, path, where,
                     et.departement);
        if (s.position) s.position_source = "FINESS (" + crs::epsg_string(et.source_epsg) + ")";
    } else if (!et.position_problem.empty()) {
        s.position_problem = et.position_problem;
    } else {
        report.info(path, where, "no_position", s.id + " : FINESS ne donne pas de coordonnées");
    }
    placer.add(std::move(s), out, report, path, where);
}

}  // namespace

std::size_t select_finess_structures(const std::vector<FinessEstablishment>& ets,
                                     const std::vector<config::FinessRule>& rules,
                                     const model::StructureTypeTable& types,
                                     StructurePlacer& placer, std::vector<model::Structure>& out,
                                     core::LoadReport& report, const std::string& path,
                                     bool skip_outside) {
    const CompiledRules compiled = compile_rules(rules, types, path);
    auto within_reach = [&](const FinessEstablishment& et) {
        return et.x && et.y &&
               placer.within_reach(*et.x, *et.y, crs::epsg_string(et.source_epsg), et.departement);
    };
    std::size_t selected = 0, skipped = 0;
    for (const auto& et : ets) {
        // A national file: an establishment of another département counts only when it stands
        // within the margin (a neighbour's HAD); tested before the rules' regular expressions,
        // which would otherwise run on the whole country.
        if (skip_outside && !placer.has_departement(et.departement) && !within_reach(et)) continue;
        const std::vector<Selection> chosen = choose_types(et, compiled);
        if (chosen.empty()) continue;
        // A national or départemental file covers more than the study area: leave out what
        // lies beyond its margin (counted below) instead of reporting each as a bad position.
        if (skip_outside && et.x && et.y && !within_reach(et)) {
            ++skipped;
            continue;
        }
        for (const auto& pick : chosen) {
            ++selected;
            place_and_add(structure_of(et, pick), et, placer, out, report, path);
        }
    }
    if (skipped > 0)
        report.info(path, "", "outside_study_area",
                    core::counted(double(skipped), "établissement retenu est",
                                  "établissements retenus sont") +
                        " au-delà de la marge du territoire : laissés de côté");
    return selected;
}

}  // namespace palliacarte::load
