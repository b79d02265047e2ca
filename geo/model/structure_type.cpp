#include "model/structure_type.hpp"
#include "core/bounded_json.hpp"

#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "core/text_encoding.hpp"

namespace palliacarte::model {

const char* to_string(TravelDirection d) {
    switch (d) {
        case TravelDirection::to_patient:
            return "to_patient";
        case TravelDirection::patient_travels:
            return "patient_travels";
        case TravelDirection::none:
            return "none";
    }
    return "?";
}

StructureTypeTable StructureTypeTable::load(const std::string& path) {
    return from_json_text(core::read_config_file(path, "structure type table"), path);
}

StructureTypeTable StructureTypeTable::from_json_text(const std::string& text,
                                                      const std::string& name) {
    StructureTypeTable table;
    try {
        const auto doc = core::parse_bounded_json(text);
        for (const auto& t : doc.at("types")) {
            StructureType st;
            st.code = t.at("code").get<std::string>();
            st.label = t.value("label", st.code);
            const std::string dir = t.value("direction", "to_patient");
            if (dir == "to_patient") {
                st.direction = TravelDirection::to_patient;
            } else if (dir == "patient_travels") {
                st.direction = TravelDirection::patient_travels;
            } else if (dir == "none") {
                st.direction = TravelDirection::none;
            } else {
                throw core::ConfigError(name + ": type " + st.code + ": unknown direction '" + dir +
                                        "' (to_patient, patient_travels, none)");
            }
            if (t.contains("default_threshold_min") && !t["default_threshold_min"].is_null())
                st.default_threshold_min = t["default_threshold_min"].get<double>();
            st.map_noun = t.value("map_noun", "");
            if (t.contains("aliases")) st.aliases = t["aliases"].get<std::vector<std::string>>();
            table.types_.push_back(std::move(st));
        }
    } catch (const nlohmann::json::exception& e) {
        throw core::ConfigError(name + ": not a valid structure type table: " + e.what());
    }
    if (table.types_.empty()) throw core::ConfigError(name + ": no structure types defined");
    return table;
}

const StructureType* StructureTypeTable::find(std::string_view code_or_alias) const {
    const std::string key = core::fold_for_matching(core::trim(code_or_alias));
    if (key.empty()) return nullptr;
    for (const auto& t : types_) {
        if (core::fold_for_matching(t.code) == key) return &t;
        for (const auto& a : t.aliases)
            if (core::fold_for_matching(a) == key) return &t;
    }
    return nullptr;
}

}  // namespace palliacarte::model
