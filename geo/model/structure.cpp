#include "model/structure.hpp"

namespace palliacarte::model {

const char* to_string(Placement p) {
    switch (p) {
        case Placement::located:
            return "located";
        case Placement::declared_area_only:
            return "declared_area_only";
        case Placement::unlocated:
            return "unlocated";
    }
    return "?";
}

}  // namespace palliacarte::model
