#pragma once
// Coverage by declaration (docs/domain.md, definition 2): the communes a structure says it
// serves — its intervention communes, else its coordination territory ("Nord"), its
// département ("Département") or the whole territory ("Région").

#include <set>
#include <string>

#include "model/territory.hpp"

namespace palliacarte::analysis {

/// @brief INSEE codes of the territory's communes the structure declares; empty when it
/// declares nothing usable. `how` (optional) says which declaration was used, in French.
std::set<std::string> declared_communes(const model::Structure& s,
                                        const model::Territory& territory,
                                        std::string* how = nullptr);

}  // namespace palliacarte::analysis
