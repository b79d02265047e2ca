#include "config/config_choices.hpp"

#include "config/config_fields.hpp"

namespace palliacarte::config {

void unknown_choice(const std::string& where, const std::string& key, const std::string& found,
                    const std::string& expected) {
    config_fail(where, key, "valeur « " + found + " » inconnue ; attendu : " + expected);
}

}  // namespace palliacarte::config
