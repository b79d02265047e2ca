#pragma once
// The domain table of structure types (EMSP, HAD, USP…) — data, loaded from
// data/structure-types.json, not branches in code.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace palliacarte::model {

/// @brief Who travels: mobile teams and HAD go to the patient; patients go to USP/LISP/HDJ.
enum class TravelDirection { to_patient, patient_travels, none };

struct StructureType {
    std::string code;   ///< "EMSP"
    std::string label;  ///< French name shown to planners
    TravelDirection direction = TravelDirection::to_patient;
    std::optional<double> default_threshold_min;  ///< white-zone threshold planners recognise
    std::vector<std::string> aliases;             ///< other spellings accepted on input ("EMTSP")
    /// With its indefinite article, for map titles: « une HAD » (« Accès à une HAD… »); empty:
    /// the titles name the label instead.
    std::string map_noun;
};

class StructureTypeTable {
  public:
    /// @throws ConfigError naming the file if it is not a valid table.
    static StructureTypeTable load(const std::string& path);
    static StructureTypeTable from_json_text(const std::string& text, const std::string& name);

    /// @brief Resolves a code or alias, case- and accent-insensitively.
    const StructureType* find(std::string_view code_or_alias) const;
    const std::vector<StructureType>& types() const { return types_; }

  private:
    std::vector<StructureType> types_;
};

const char* to_string(TravelDirection d);

}  // namespace palliacarte::model
