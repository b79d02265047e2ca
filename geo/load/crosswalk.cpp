#include "load/crosswalk.hpp"

#include "core/csv_reader.hpp"
#include "core/errors.hpp"

namespace palliacarte::load {

Crosswalk Crosswalk::load(const std::string& path, const config::CrosswalkConfig& config,
                          core::LoadReport& report) {
    auto csv = core::CsvReader::open(path);
    std::optional<std::size_t> from, to;
    if (!config.from_field.empty()) from = csv.column(config.from_field);
    if (!config.to_field.empty()) to = csv.column(config.to_field);
    if (!from || !to) {
        // Default: the first two columns named code_*, in file order (code_2018, code_cog2026).
        std::vector<std::size_t> code_cols;
        for (std::size_t i = 0; i < csv.header().size(); ++i)
            if (csv.header()[i].rfind("code", 0) == 0) code_cols.push_back(i);
        if (!from && code_cols.size() >= 1) from = code_cols[0];
        if (!to && code_cols.size() >= 2) to = code_cols[1];
    }
    if (!from || !to || *from == *to)
        throw core::DataError(
            path,
            "la table de passage demande une colonne d'ancien code et une de nouveau code "
            "(crosswalk.from_field / to_field)");
    Crosswalk x;
    core::CsvRecord rec;
    const std::size_t need = std::max(*from, *to) + 1;
    while (csv.next(rec)) {
        if (rec.fields.size() < need) {
            report.reject(path, "ligne " + std::to_string(rec.line), "missing_fields",
                          "ligne de table de passage de " + std::to_string(rec.fields.size()) +
                              " champs, au moins " + std::to_string(need) + " attendus");
            continue;
        }
        const auto f = std::string(core::trim(rec.fields[*from]));
        const auto t = std::string(core::trim(rec.fields[*to]));
        if (f.empty() || t.empty()) continue;  // rows for communes without an old polygon
        x.map_[f] = t;
    }
    return x;
}

const std::string& Crosswalk::current(const std::string& old_code) const {
    const auto it = map_.find(old_code);
    return it == map_.end() ? old_code : it->second;
}

}  // namespace palliacarte::load
