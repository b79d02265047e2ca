#include "output/csv_table_writer.hpp"

#include <cstdio>
#include <fstream>

#include "core/errors.hpp"

namespace palliacarte::output {

namespace {

std::string cell(const model::FieldValue& v) {
    std::string s;
    if (const auto* t = std::get_if<std::string>(&v))
        s = *t;
    else if (const auto* i = std::get_if<std::int64_t>(&v))
        s = std::to_string(*i);
    else if (const auto* b = std::get_if<bool>(&v))
        s = *b ? "oui" : "non";
    else if (const auto* d = std::get_if<double>(&v)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.2f", *d);
        s = buf;
        for (char& c : s)
            if (c == '.') c = ',';
    }
    if (s.find_first_of(";\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

}  // namespace

void write_csv_table(const std::string& path, const model::Layer& layer,
                     const std::vector<std::string>& columns,
                     const std::function<bool(const model::Feature&)>& keep) {
    std::vector<std::size_t> idx;
    if (columns.empty())
        for (std::size_t i = 0; i < layer.fields.size(); ++i) idx.push_back(i);
    for (const auto& c : columns) {
        const std::size_t i = layer.field(c);
        if (i == layer.fields.size())
            throw core::DataError(path, "no column " + c + " in " + layer.name);
        idx.push_back(i);
    }
    std::ofstream out(path, std::ios::binary);
    if (!out) throw core::DataError(path, "impossible de créer le fichier");
    out << "\xEF\xBB\xBF";
    for (std::size_t k = 0; k < idx.size(); ++k)
        out << (k ? ";" : "") << cell(model::FieldValue(layer.fields[idx[k]].alias));
    out << "\r\n";
    for (const auto& f : layer.features) {
        if (keep && !keep(f)) continue;
        for (std::size_t k = 0; k < idx.size(); ++k)
            out << (k ? ";" : "") << cell(f.values[idx[k]]);
        out << "\r\n";
    }
    if (!out) throw core::DataError(path, "échec de l'écriture");
}

void write_csv_rows(const std::string& path, const std::vector<std::vector<std::string>>& rows) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw core::DataError(path, "impossible de créer le fichier");
    out << "\xEF\xBB\xBF";
    for (const auto& row : rows) {
        for (std::size_t k = 0; k < row.size(); ++k)
            out << (k ? ";" : "") << cell(model::FieldValue(row[k]));
        out << "\r\n";
    }
    if (!out) throw core::DataError(path, "échec de l'écriture");
}

}  // namespace palliacarte::output
