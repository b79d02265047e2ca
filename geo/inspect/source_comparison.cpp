#include "inspect/source_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/french_format.hpp"

namespace palliacarte::inspect {

const char* to_string(Agreement a) {
    switch (a) {
        case Agreement::both:
            return "les deux";
        case Agreement::type_differs:
            return "type différent";
        case Agreement::only_first:
            return "annuaire seulement";
        case Agreement::only_second:
            return "FINESS+ seulement";
    }
    return "";
}

namespace {

double distance(const model::Structure* a, const model::Structure* b) {
    if (!a || !b || !a->position || !b->position || a->epsg != b->epsg) return -1;
    return std::hypot(a->position->x - b->position->x, a->position->y - b->position->y);
}

}  // namespace

SourceComparison compare_sources(const std::vector<model::Structure>& first,
                                 const std::vector<model::Structure>& second) {
    SourceComparison out;
    std::vector<bool> used_second(second.size(), false);
    std::vector<const model::Structure*> left;  // first's entries not matched on (ET, type)
    for (const auto& s : first) {
        auto& t = out.by_type[s.type];
        ++t.first;
        if (s.finess_et.empty()) {
            ++t.first_without_finess;
            ++t.only_first;
            out.rows.push_back({Agreement::only_first, "", &s, nullptr, -1});
            continue;
        }
        bool matched = false;
        for (std::size_t j = 0; j < second.size() && !matched; ++j)
            if (!used_second[j] && second[j].finess_et == s.finess_et && second[j].type == s.type) {
                used_second[j] = matched = true;
                ++t.both;
                out.rows.push_back(
                    {Agreement::both, s.finess_et, &s, &second[j], distance(&s, &second[j])});
            }
        if (!matched) left.push_back(&s);
    }
    for (const auto& s : second) ++out.by_type[s.type].second;
    // Same establishment, another type: a directory's USP that FINESS+ authorises as LISP.
    for (const model::Structure* s : left) {
        bool paired = false;
        for (std::size_t j = 0; j < second.size() && !paired; ++j)
            if (!used_second[j] && second[j].finess_et == s->finess_et) {
                used_second[j] = paired = true;
                ++out.by_type[s->type].type_differs;
                out.rows.push_back({Agreement::type_differs, s->finess_et, s, &second[j],
                                    distance(s, &second[j])});
            }
        if (!paired) {
            ++out.by_type[s->type].only_first;
            out.rows.push_back({Agreement::only_first, s->finess_et, s, nullptr, -1});
        }
    }
    for (std::size_t j = 0; j < second.size(); ++j)
        if (!used_second[j]) {
            ++out.by_type[second[j].type].only_second;
            out.rows.push_back(
                {Agreement::only_second, second[j].finess_et, nullptr, &second[j], -1});
        }
    std::stable_sort(out.rows.begin(), out.rows.end(), [](const auto& a, const auto& b) {
        const std::string ta = a.first ? a.first->type : a.second->type,
                          tb = b.first ? b.first->type : b.second->type;
        return std::tie(ta, a.finess_et) < std::tie(tb, b.finess_et);
    });
    return out;
}

std::vector<std::vector<std::string>> comparison_table(const SourceComparison& c) {
    std::vector<std::vector<std::string>> t = {
        {"accord", "finess_et", "type_annuaire", "type_finess_plus", "nom_annuaire",
         "nom_finess_plus", "capacite_finess_plus", "unite", "activites_finess_plus",
         "communes_zone_annuaire", "communes_zone_finess_plus", "ecart_position_m"}};
    for (const auto& r : c.rows) {
        const model::Structure* a = r.first;
        const model::Structure* b = r.second;
        t.push_back({to_string(r.agreement), r.finess_et, a ? a->type : "", b ? b->type : "",
                     a ? a->name : "", b ? b->name : "",
                     b && b->capacity ? core::decimal_fr(*b->capacity, 0) : "",
                     b ? b->capacity_unit : "", b ? b->activities : "",
                     a ? std::to_string(a->intervention_communes.size()) : "",
                     b ? std::to_string(b->intervention_communes.size()) : "",
                     r.distance_m >= 0 ? std::to_string(std::lround(r.distance_m)) : ""});
    }
    return t;
}

}  // namespace palliacarte::inspect
