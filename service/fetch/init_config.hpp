#pragma once
// `palliacarte init`: a complete territory config written from what `palliacarte fetch` put in a
// folder (its fetch-record.json), every section explained by an `about`, ready for `inspect`
// and `analyze` unchanged. Built as a TerritoryConfig and written by the parser's own writer
// (config/territory_config_writer.hpp), so that init cannot write what the parser reads
// otherwise.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace palliacarte::fetch {

struct InitChoice {
    std::vector<std::string> departements;  ///< empty: those fetched
    std::string data_dir;                   ///< the fetch folder
    std::string config_path;                ///< where the config will be written
    /// Analysed types; empty: EMSP, USP, LISP, HAD, HOPITAL with the FINESS+ files, else HAD,
    /// HOPITAL.
    std::vector<std::string> types;
    /// The FINESS+ activity → type mapping whose rules a FINESS+ config starts with
    /// (data/finess-plus-activities.json).
    std::string finess_plus_mapping;
};

struct WrittenConfig {
    nlohmann::ordered_json config;
    std::vector<std::string> notes;  ///< what the user should know (in French)
};

/// @throws ConfigError when the folder holds no fetch record, or not the files or
/// départements asked for.
WrittenConfig make_territory_config(const InitChoice& choice);

}  // namespace palliacarte::fetch
