#include "http/route_table.hpp"

#include <string_view>

namespace palliacarte::http {

namespace {

// "/a/b/" → "/a/b" (a trailing slash names the same resource); "" → "/".
std::string_view normalised(std::string_view path) {
    if (path.empty()) return "/";
    if (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
    return path;
}

std::vector<std::string_view> segments(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 1;  // past the leading '/'
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool matches(std::string_view pattern, std::string_view path, PathParams* params) {
    if (pattern == "/" || path == "/") return pattern == path;
    const auto want = segments(pattern), got = segments(path);
    if (want.size() != got.size()) return false;
    PathParams found;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const std::string_view w = want[i];
        if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
            if (got[i].empty()) return false;
            found[std::string(w.substr(1, w.size() - 2))] = std::string(got[i]);
        } else if (w != got[i]) {
            return false;
        }
    }
    if (params) *params = std::move(found);
    return true;
}

}  // namespace

void RouteTable::add(RouteEntry entry) {
    entries_.push_back(std::move(entry));
}

const RouteEntry* RouteTable::match(const std::string& path, const std::string& method,
                                    PathParams* params) const {
    const std::string_view p = normalised(path);
    for (const auto& e : entries_)
        if ((e.method == method || (method == "HEAD" && e.method == "GET")) &&
            matches(e.pattern, p, params))
            return &e;
    return nullptr;
}

Route RouteTable::route(const std::string& path) const {
    Route out;
    const std::string_view p = normalised(path);
    for (const auto& e : entries_) {
        if (!matches(e.pattern, p, nullptr)) continue;
        out.methods.push_back(e.method);
        out.slow = out.slow || e.slow;
    }
    return out;
}

HttpResponse RouteTable::handle(const HttpRequest& r) const {
    PathParams params;
    if (const RouteEntry* e = match(r.path, r.method, &params)) return e->handler(r, params);
    const Route known = route(r.path);
    if (known.methods.empty())
        throw ProblemError(404, "Introuvable",
                           "aucune ressource à " + r.path + " (partez de / pour les liens)");
    std::string allowed;
    for (const auto& m : known.methods) allowed += (allowed.empty() ? "" : ", ") + m;
    throw ProblemError(
        405, "Méthode non permise",
        r.method + " n'est pas permis sur " + r.path + " (permis : " + allowed + ")");
}

nlohmann::json RouteTable::openapi_paths() const {
    nlohmann::json paths = nlohmann::json::object();
    for (const auto& e : entries_) {
        if (!e.openapi) continue;
        const nlohmann::json documented = e.openapi();  // alive while items() is walked
        for (const auto& [path, item] : documented.items()) {
            if (paths.contains(path))
                paths[path].update(item);  // another method of the same path
            else
                paths[path] = item;
        }
    }
    return paths;
}

}  // namespace palliacarte::http
