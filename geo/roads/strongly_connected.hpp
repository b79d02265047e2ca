#pragma once
// Strongly connected components of a directed graph given as an edge list (iterative Tarjan:
// no recursion, so a 2-million-node graph does not overflow the stack).
#include <cstdint>
#include <vector>

namespace palliacarte::roads {

/// @brief component[v] for every node v in [0, nodes); components numbered from 0.
/// `first_out`/`head` is the CSR adjacency (first_out has nodes+1 entries).
std::vector<std::uint32_t> strongly_connected_components(
    const std::vector<std::uint32_t>& first_out, const std::vector<std::uint32_t>& head,
    std::uint32_t* component_count = nullptr);

}  // namespace palliacarte::roads
