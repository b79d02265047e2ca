#include "cli/serve_command.hpp"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <optional>

#include "cli/command_line.hpp"
#include "cli/exit_codes.hpp"
#include "cli/progress_printer.hpp"
#include "core/connection_text.hpp"
#include "core/errors.hpp"
#include "http/http_server.hpp"
#include "http/public_url.hpp"
#include "output/postgis_run_writer.hpp"
#include "serve/served_dataset.hpp"
#include "serve/served_state.hpp"
#include "serve/service_routes.hpp"

namespace palliacarte::cli {

namespace {

constexpr const char* kUsage =
    "usage: palliacarte serve CONFIG [--host ADDR] [--port N] [--threads N]\n"
    "                         [--analysis-threads N] [--public-url URL] [--data-root DIR]\n"
    "                         [--web DIR] [--basemap URL | --no-basemap] [--quiet]\n"
    "       palliacarte serve --gpkg FILE [same options]\n"
    "       palliacarte serve --from PG:\"dbname=… host=…\" --schema NAME [same options]\n"
    "  --gpkg             serve the layers of a GeoPackage (e.g. analyze's coverage.gpkg) as they\n"
    "                     are, without the on-demand analyses\n"
    "  --from, --schema   serve an `analyze --out PG:` run, the tables of that schema, as\n"
    "                     --gpkg serves a GeoPackage; a new run written there is served\n"
    "                     without a restart\n"
    "  --reload-every     with --from: seconds between looks for a new run (default 5; 0:\n"
    "                     never)\n"
    "  --host             address to listen on (default 127.0.0.1; 0.0.0.0 for every "
    "interface)\n"
    "  --port             TCP port (default 8080; 0 picks a free one, printed at start)\n"
    "  --threads          threads serving requests (default 2)\n"
    "  --analysis-threads threads running on-demand analyses (default 1)\n"
    "  --public-url       the URL clients reach the service at, e.g. behind a reverse proxy\n"
    "                     https://carte.example.fr/palliacarte: every link starts with it and\n"
    "                     requests for another Host get 421 (default http://HOST:PORT)\n"
    "  --web              the web map's directory (carte.html, carte.css, js/, MapLibre GL\n"
    "                     JS in node_modules) served at /carte (default: the sources'\n"
    "                     service/web after `npm ci` there)\n"
    "  --basemap          a background for the map: an XYZ raster template, e.g. IGN's « Plan\n"
    "                     IGN » "
    "https://data.geopf.fr/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x},\n"
    "                     or a MapLibre style URL (default: the config's web_map.basemap)\n"
    "  --no-basemap       no background, whatever the config says: outlines only, no request\n"
    "                     leaves the service (tests, offline use)\n"
    "  --quiet            no progress and no request log\n";

// The request answered by the dataset served now; a streamed body keeps that dataset alive
// until it is sent, even if a new run replaces it meanwhile.
http::HttpResponse answer(const serve::ServedState& state, const http::HttpRequest& r) {
    std::shared_ptr<const serve::Served> served = state.current();
    http::HttpResponse response = served->routes->handle(r);
    if (response.stream)
        response.stream = [served, stream = std::move(response.stream)](
                              const http::ChunkSink& sink) { stream(sink); };
    return response;
}

}  // namespace

namespace {

struct ServeOptions {
    std::optional<std::string> config_path, data_root, gpkg, web_dir, basemap, from, schema;
    long reload_every = 5;
    http::ServerOptions server;
    bool quiet = false, no_basemap = false;
};

// Exits with 2 (after saying why) unless the options make sense together.
std::optional<int> check_serve_options(const ServeOptions& o) {
    try {
        if (o.basemap) config::check_basemap_url(*o.basemap);
    } catch (const core::ConfigError& e) {
        std::cerr << "palliacarte serve : --basemap : " << e.what() << "\n";
        return kUsageOrConfigError;
    }
    if (int(bool(o.config_path)) + int(bool(o.gpkg)) + int(bool(o.from)) != 1) {
        std::cerr << "palliacarte serve : donnez une CONFIG, --gpkg FICHIER ou --from PG:… "
                     "--schema NOM (l'un des trois)\n"
                  << kUsage;
        return kUsageOrConfigError;
    }
    if (bool(o.from) != bool(o.schema) || (o.from && !core::is_postgres_connection(*o.from))) {
        std::cerr << "palliacarte serve : --from attend une base PG:… et va avec --schema NOM\n";
        return kUsageOrConfigError;
    }
    try {
        (void)http::make_public_url(o.server.public_url, o.server.host, o.server.port);
    } catch (const std::invalid_argument& e) {
        std::cerr << "palliacarte serve : --public-url : " << e.what() << "\n";
        return kUsageOrConfigError;
    }
    return std::nullopt;
}

// The command line as ServeOptions; the exit code when it is not to run.
std::optional<int> parse_serve_args(const std::vector<std::string>& args, ServeOptions& o) {
    CommandLine line("serve", kUsage);
    http::ServerOptions& s = o.server;
    line.positional("CONFIG", o.config_path)
        .flag({"--quiet", "-q"}, o.quiet)
        .flag({"--no-basemap"}, o.no_basemap)
        .value({"--host"}, "une adresse", s.host)
        .number({"--port"}, 0, 65535, [&](long v) { s.port = static_cast<std::uint16_t>(v); })
        .number({"--threads"}, 1, 256, [&](long v) { s.threads = static_cast<int>(v); })
        .number({"--analysis-threads"}, 1, 64,
                [&](long v) { s.analysis_threads = static_cast<int>(v); })
        .value({"--gpkg"}, "un fichier GeoPackage", o.gpkg)
        .value({"--from"}, "une base PG:…", o.from)
        .value({"--schema"}, "un nom de schéma", o.schema)
        .number({"--reload-every"}, 0, 3600, [&](long v) { o.reload_every = v; })
        .value({"--public-url"}, "une URL http(s)://", s.public_url)
        .value({"--data-root"}, "un dossier", o.data_root)
        .value({"--web"}, "un dossier", o.web_dir)
        .value({"--basemap"}, "une URL", o.basemap);
    if (const auto r = line.parse(args, std::cout, std::cerr); r != CommandLine::Outcome::run)
        return r == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    return check_serve_options(o);
}

// The config's territory analysed, a GeoPackage or a stored run; `run`: its id (--from).
std::unique_ptr<serve::ServedDataset> load_served(const ServeOptions& o, std::int64_t& run) {
    ProgressPrinter progress(!o.quiet);
    if (o.schema) output::check_schema_name(*o.schema);
    // The run's id before its tables: the data served are at least that new.
    if (o.from) run = output::latest_run_id(*o.from, *o.schema);
    auto dataset =
        o.gpkg   ? serve::load_served_geopackage(*o.gpkg)
        : o.from ? serve::load_served_database(*o.from, *o.schema)
                 : serve::load_served_dataset(*o.config_path, o.data_root, progress.callback());
    progress.finish_line();
    return dataset;
}

serve::WebFiles web_files(const ServeOptions& o, const serve::ServedDataset& dataset) {
    serve::WebFiles web =
        serve::WebFiles::load(o.web_dir.value_or(PALLIACARTE_WEB_DIR), PALLIACARTE_WEB_STYLES_DIR);
    if (o.no_basemap)
        web.set_basemap({});
    else if (o.basemap)
        web.set_basemap({*o.basemap, ""});
    else
        web.set_basemap(dataset.config.web_map);
    for (const auto& m : web.missing())
        std::cerr << "palliacarte serve : carte web indisponible (/carte), fichier absent : " << m
                  << " — lancez `npm ci --prefix service/web` ou donnez --web DOSSIER\n";
    return web;
}

void announce(const serve::ServedDataset& served, const http::HttpServer& server) {
    std::cout << "palliacarte : " << served.config.name << " servi sur " << server.public_url()
              << "/ — la carte : " << server.public_url() << "/carte ("
              << served.ogc->collections().size() << " collections ; préparé en";
    for (const auto& t : served.timings) std::printf(" %s %.2f s;", t.step.c_str(), t.seconds);
    std::cout << ")" << std::endl;
}

}  // namespace

int run_serve(const std::vector<std::string>& args) {
    // Signals are taken synchronously by the main thread (sigwait below): block them before
    // any thread starts, so every thread inherits the mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a client leaving mid-response is not fatal

    ServeOptions o;
    if (const auto exit = parse_serve_args(args, o)) return *exit;
    std::unique_ptr<serve::ServedDataset> dataset;
    std::int64_t run = 0;
    if (const int loaded = run_reporting_errors("serve",
                                                [&] {
                                                    dataset = load_served(o, run);
                                                    return kOk;
                                                });
        loaded != kOk)
        return loaded;
    const serve::WebFiles web = web_files(o, *dataset);
    serve::ServedState state(std::move(dataset), &web, run);
    http::ServerOptions options = o.server;
    if (!o.quiet) options.log = &std::cerr;
    if (o.from) options.data_version = [&state] { return state.version(); };
    http::HttpServer server(
        options, [&](const std::string& path) { return state.current()->routes->route(path); },
        [&](const http::HttpRequest& r) { return answer(state, r); });
    try {
        server.start();
    } catch (const std::exception& e) {
        std::cerr << "palliacarte serve : écoute impossible sur " << options.host << ":"
                  << options.port << ": " << e.what() << "\n";
        return kUnreadableData;
    }
    // A new run written to the schema is served without a restart.
    std::optional<serve::DatabaseRunWatcher> watcher;
    if (o.from && o.reload_every > 0)
        watcher.emplace(state, *o.from, *o.schema, std::chrono::milliseconds(o.reload_every * 1000),
                        &std::cerr);
    announce(*state.current()->dataset, server);
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::cout << "palliacarte : arrêt (" << (signal == SIGTERM ? "SIGTERM" : "SIGINT") << ")"
              << std::endl;
    server.shutdown();
    return kOk;
}

}  // namespace palliacarte::cli
