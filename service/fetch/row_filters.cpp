#include "fetch/row_filters.hpp"

#include <functional>
#include <memory>
#include <optional>

#include "core/errors.hpp"
#include "load/population_grid_reader.hpp"

namespace palliacarte::fetch {

std::vector<std::string> split_csv_line(std::string_view line, char separator) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == separator) {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

namespace {

/// The column's index and the separator, learnt from the header line.
struct Column {
    std::size_t index = 0;
    char separator = ',';
    void learn(std::string_view header, const std::string& name) {
        separator =
            header.find(';') != std::string_view::npos && header.find(',') == std::string_view::npos
                ? ';'
                : ',';
        const auto names = split_csv_line(header, separator);
        for (std::size_t i = 0; i < names.size(); ++i) {
            std::string n = names[i];
            if (i == 0 && n.rfind("\xEF\xBB\xBF", 0) == 0) n = n.substr(3);
            if (n == name) {
                index = i;
                return;
            }
        }
        throw core::DataError("(extraction)", "no column '" + name + "' in the header");
    }
    std::optional<std::string> of(std::string_view line) const {
        auto f = split_csv_line(line, separator);
        if (index >= f.size()) return std::nullopt;
        return f[index];
    }
};

/// Keeps the header (learning where `column` is) and the rows whose value in it `accept`s.
LineFilter rows_whose(const std::string& column, std::function<bool(const std::string&)> accept) {
    auto col = std::make_shared<Column>();
    return [col, column, accept = std::move(accept)](std::string_view line, bool header) {
        if (header) {
            col->learn(line, column);
            return true;
        }
        const auto value = col->of(line);
        return value && accept(*value);
    };
}

}  // namespace

LineFilter rows_in_departements(const std::string& column, std::vector<std::string> departements) {
    return rows_whose(column, [departements](const std::string& codes) {
        for (std::size_t at = 0; at + 5 <= codes.size(); at += 5) {
            const std::string_view code(codes.data() + at, 5);
            for (const auto& d : departements)
                if (code.substr(0, d.size()) == d) return true;
        }
        return false;
    });
}

LineFilter cells_meeting(const std::string& column, const model::Box& box) {
    return rows_whose(column, [box](const std::string& id) {
        const auto cell = load::parse_grid_cell_id(id);
        return cell && cell->x + cell->size >= box.min_corner().x &&
               cell->x <= box.max_corner().x && cell->y + cell->size >= box.min_corner().y &&
               cell->y <= box.max_corner().y;
    });
}

}  // namespace palliacarte::fetch
