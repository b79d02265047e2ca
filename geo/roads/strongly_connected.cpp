#include "roads/strongly_connected.hpp"

#include <algorithm>
#include <limits>

namespace palliacarte {

std::vector<std::uint32_t> strongly_connected_components(
    const std::vector<std::uint32_t>& first_out, const std::vector<std::uint32_t>& head,
    std::uint32_t* component_count) {
    constexpr std::uint32_t kUnvisited = std::numeric_limits<std::uint32_t>::max();
    const std::uint32_t n =
        first_out.empty() ? 0 : static_cast<std::uint32_t>(first_out.size() - 1);
    std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0), component(n, kUnvisited);
    std::vector<std::uint32_t> stack, call_node, call_edge;
    std::vector<bool> on_stack(n, false);
    std::uint32_t next_index = 0, next_component = 0;
    for (std::uint32_t root = 0; root < n; ++root) {
        if (index[root] != kUnvisited) continue;
        call_node.push_back(root);
        call_edge.push_back(first_out[root]);
        index[root] = low[root] = next_index++;
        stack.push_back(root);
        on_stack[root] = true;
        while (!call_node.empty()) {
            const std::uint32_t v = call_node.back();
            std::uint32_t& e = call_edge.back();
            if (e < first_out[v + 1]) {
                const std::uint32_t w = head[e++];
                if (index[w] == kUnvisited) {
                    index[w] = low[w] = next_index++;
                    stack.push_back(w);
                    on_stack[w] = true;
                    call_node.push_back(w);
                    call_edge.push_back(first_out[w]);
                } else if (on_stack[w]) {
                    low[v] = std::min(low[v], index[w]);
                }
                continue;
            }
            if (low[v] == index[v]) {
                std::uint32_t w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = false;
                    component[w] = next_component;
                } while (w != v);
                ++next_component;
            }
            call_node.pop_back();
            call_edge.pop_back();
            if (!call_node.empty()) low[call_node.back()] = std::min(low[call_node.back()], low[v]);
        }
    }
    if (component_count) *component_count = next_component;
    return component;
}

}  // namespace palliacarte
