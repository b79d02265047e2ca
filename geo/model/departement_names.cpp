#include "model/departement_names.hpp"

#include <fstream>
#include <map>

namespace palliacarte::model {

namespace {

const std::map<std::string, std::string>& names() {
    static const std::map<std::string, std::string> table = [] {
        std::map<std::string, std::string> t;
        std::ifstream in(std::string(PALLIACARTE_DATA_DIR) + "/departements.csv");
        std::string line;
        std::getline(in, line);  // header: code,nom
        while (std::getline(in, line)) {
            const auto comma = line.find(',');
            if (comma != std::string::npos) t[line.substr(0, comma)] = line.substr(comma + 1);
        }
        return t;
    }();
    return table;
}

}  // namespace

std::string departement_label(const std::string& code) {
    const auto it = names().find(code);
    return it == names().end() ? code : code + " " + it->second;
}

}  // namespace palliacarte::model
