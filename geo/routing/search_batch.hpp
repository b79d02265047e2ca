#pragma once
// Many searches (one per structure) on all cores: one OneToManySearch per worker thread, no
// shared mutable state, so no lock in the hot loop.
#include <memory>
#include <vector>

#include "core/parallel.hpp"
#include "routing/one_to_many.hpp"

namespace palliacarte::routing {

/// @brief Calls visit(i, search) once each search i (from starts[i]) has run; `visit` runs on
/// the worker thread and must only write to per-i results.
template <class Visit>
void run_search_batch(const roads::RoadGraph& graph,
                      const std::vector<std::vector<SearchStart>>& starts, double limit_seconds,
                      SearchDirection direction, Visit&& visit) {
    const std::size_t workers = core::worker_count(starts.size());
    std::vector<std::unique_ptr<OneToManySearch>> searches;
    for (std::size_t w = 0; w < workers; ++w)
        searches.push_back(std::make_unique<OneToManySearch>(graph));
    core::parallel_for(starts.size(), workers, [&](std::size_t i, std::size_t w) {
        searches[w]->run(starts[i], limit_seconds, direction);
        visit(i, static_cast<const OneToManySearch&>(*searches[w]));
    });
}

}  // namespace palliacarte::routing
