#include "roads/edge_shape.hpp"

#include <algorithm>
#include <cmath>

namespace palliacarte::roads {

namespace {

double segment_length(const model::Point& a, const model::Point& b) {
    return std::hypot(b.x - a.x, b.y - a.y);
}

model::Point lerp(const model::Point& a, const model::Point& b, double t) {
    return {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
}

}  // namespace

double polyline_length(std::span<const model::Point> line) {
    double total = 0;
    for (std::size_t i = 1; i < line.size(); ++i) total += segment_length(line[i - 1], line[i]);
    return total;
}

std::vector<model::Point> edge_line(const RoadGraph& g, EdgeId e) {
    std::vector<model::Point> line;
    const auto via = g.via(e);
    line.reserve(via.size() + 2);
    line.push_back(g.node_position[g.tail(e)]);
    line.insert(line.end(), via.begin(), via.end());
    line.push_back(g.node_position[g.head(e)]);
    return line;
}

double drawn_length(const RoadGraph& g, EdgeId e) {
    return polyline_length(edge_line(g, e));
}

model::Point point_along(const std::vector<model::Point>& line, double t) {
    if (line.empty()) return {0, 0};
    const double target = std::clamp(t, 0.0, 1.0) * polyline_length(line);
    double walked = 0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double len = segment_length(line[i - 1], line[i]);
        if (walked + len >= target && len > 0)
            return lerp(line[i - 1], line[i], (target - walked) / len);
        walked += len;
    }
    return line.back();
}

std::vector<model::Point> line_part(const std::vector<model::Point>& line, double from, double to) {
    if (line.size() < 2) return line;
    from = std::clamp(from, 0.0, 1.0);
    to = std::clamp(to, from, 1.0);
    const double total = polyline_length(line);
    const double start = from * total, end = to * total;
    std::vector<model::Point> out;
    double walked = 0;
    for (std::size_t i = 1; i < line.size(); ++i) {
        const double len = segment_length(line[i - 1], line[i]);
        const double a = walked, b = walked + len;
        walked = b;
        if (b < start || (len == 0 && i + 1 < line.size())) continue;
        if (out.empty())
            out.push_back(len > 0 ? lerp(line[i - 1], line[i], (start - a) / len) : line[i - 1]);
        if (b >= end) {
            out.push_back(len > 0 ? lerp(line[i - 1], line[i], (end - a) / len) : line[i]);
            return out;
        }
        out.push_back(line[i]);
    }
    if (out.size() < 2) out.push_back(line.back());
    return out;
}

}  // namespace palliacarte::roads
