#pragma once
// Independent travel times for tests: writes a RoadGraph's edges and runs networkx's Dijkstra
// (tools/networkx_times.py under Debian's /usr/bin/python3) on them.
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "roads/road_graph.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {

/// @brief node → seconds for every node networkx reaches within `cutoff` from `source`
/// (`reverse`: times to the source). Empty if networkx could not run.
inline std::map<roads::NodeId, double> networkx_times(const roads::RoadGraph& g,
                                                      roads::NodeId source, double cutoff,
                                                      bool reverse = false) {
    ScratchDir dir("networkx");
    const std::string edges = dir.file("edges.csv");
    {
        std::ofstream out(edges);
        char line[96];
        for (roads::NodeId u = 0; u < g.node_count(); ++u)
            for (auto e = g.first_out[u]; e < g.first_out[u + 1]; ++e) {
                std::snprintf(line, sizeof line, "%u,%u,%.9g\n", u, g.head(e),
                              static_cast<double>(g.seconds(e)));
                out << line;
            }
    }
    std::ostringstream cmd;
    cmd << "/usr/bin/python3 " << source_dir() << "/tests/tools/networkx_times.py " << edges << ' '
        << source << ' ' << std::to_string(cutoff) << (reverse ? " reverse" : "");
    std::map<roads::NodeId, double> times;
    FILE* pipe = popen(cmd.str().c_str(), "r");
    if (!pipe) return times;
    unsigned node;
    double t;
    while (std::fscanf(pipe, "%u %lf", &node, &t) == 2) times[node] = t;
    pclose(pipe);
    return times;
}

}  // namespace palliacarte::test
