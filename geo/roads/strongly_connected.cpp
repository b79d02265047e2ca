#include "roads/strongly_connected.hpp"

#include <algorithm>
#include <limits>

namespace palliacarte::roads {

std::vector<std::uint32_t> strongly_connected_components(
    const std::vector<std::uint32_t>& first_out, const std::vector<std::uint32_t>& head,
    std::uint32_t* component_count) {
    constexpr std::uint32_t kUnvisited = std::numeric_limits<std::uint32_t>::max();
    constexpr std::uint32_t kDone = kUnvisited - 1;  // index of a node already in a component
    const std::uint32_t n =
        first_out.empty() ? 0 : static_cast<std::uint32_t>(first_out.size() - 1);
    // Tarjan's algorithm without recursion. A node is on the stack while its index is neither
    // kUnvisited nor kDone; once its component is known, `low` holds the component's number
    // (the array returned). One array read per edge: the edge scan reads only `index`.
    std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0);
    std::vector<std::uint32_t> stack, call_node, call_edge;
    std::uint32_t next_index = 0, next_component = 0;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != kUnvisited) continue;
        call_node.push_back(root);
        call_edge.push_back(first_out[root]);
        index[root] = low[root] = next_index++;
        stack.push_back(root);
        while (!call_node.empty()) {
            const std::uint32_t v = call_node.back();
            std::uint32_t e = call_edge.back();
            const std::uint32_t end = first_out[v + 1];
            std::uint32_t low_v = low[v];
            std::uint32_t w = kUnvisited;
            // Scan v's edges in registers up to the first unvisited head.
            for (; e < end; ++e) {
                const std::uint32_t iw = index[head[e]];
                if (iw == kUnvisited) {
                    w = head[e++];
                    break;
                }
                if (iw != kDone) low_v = std::min(low_v, iw);
            }
            low[v] = low_v;
            if (w != kUnvisited) {
                call_edge.back() = e;
                index[w] = low[w] = next_index++;
                stack.push_back(w);
                call_node.push_back(w);
                call_edge.push_back(first_out[w]);
                continue;
            }
            if (low_v == index[v]) {
                std::uint32_t u;
                do {
                    u = stack.back();
                    stack.pop_back();
                    index[u] = kDone;
                    low[u] = next_component;
                } while (u != v);
                ++next_component;
            }
            call_node.pop_back();
            call_edge.pop_back();
            if (!call_node.empty()) {
                const std::uint32_t parent = call_node.back();
                // v's low, unless v has just closed its component (then it is a number of
                // component, not an index, and must not lower the parent's).
                if (index[v] != kDone) low[parent] = std::min(low[parent], low_v);
            }
        }
    }
    if (component_count) *component_count = next_component;
    return low;
}

}  // namespace palliacarte::roads
