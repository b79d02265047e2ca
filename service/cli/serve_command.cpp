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
    "                     --gpkg serves a GeoPackage\n"
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

    std::optional<std::string> config_path, data_root, gpkg, web_dir, basemap, from, schema;
    http::ServerOptions options;
    bool quiet = false, no_basemap = false;
    CommandLine line("serve", kUsage);
    line.positional("CONFIG", config_path)
        .flag({"--quiet", "-q"}, quiet)
        .flag({"--no-basemap"}, no_basemap)
        .value({"--host"}, "une adresse", options.host)
        .number({"--port"}, 0, 65535, [&](long v) { options.port = static_cast<std::uint16_t>(v); })
        .number({"--threads"}, 1, 256, [&](long v) { options.threads = static_cast<int>(v); })
        .number({"--analysis-threads"}, 1, 64,
                [&](long v) { options.analysis_threads = static_cast<int>(v); })
        .value({"--gpkg"}, "un fichier GeoPackage", gpkg)
        .value({"--from"}, "une base PG:…", from)
        .value({"--schema"}, "un nom de schéma", schema)
        .value({"--public-url"}, "une URL http(s)://", options.public_url)
        .value({"--data-root"}, "un dossier", data_root)
        .value({"--web"}, "un dossier", web_dir)
        .value({"--basemap"}, "une URL", basemap);
    if (const auto o = line.parse(args, std::cout, std::cerr); o != CommandLine::Outcome::run)
        return o == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    try {
        if (basemap) config::check_basemap_url(*basemap);
    } catch (const core::ConfigError& e) {
        std::cerr << "palliacarte serve : --basemap : " << e.what() << "\n";
        return kUsageOrConfigError;
    }
    if (int(bool(config_path)) + int(bool(gpkg)) + int(bool(from)) != 1) {
        std::cerr << "palliacarte serve : donnez une CONFIG, --gpkg FICHIER ou --from PG:… "
                     "--schema NOM (l'un des trois)\n"
                  << kUsage;
        return kUsageOrConfigError;
    }
    if (bool(from) != bool(schema) || (from && !core::is_postgres_connection(*from))) {
        std::cerr << "palliacarte serve : --from attend une base PG:… et va avec --schema NOM\n";
        return kUsageOrConfigError;
    }
    try {
        (void)http::make_public_url(options.public_url, options.host, options.port);
    } catch (const std::invalid_argument& e) {
        std::cerr << "palliacarte serve : --public-url : " << e.what() << "\n";
        return kUsageOrConfigError;
    }
    std::unique_ptr<serve::ServedDataset> dataset;
    if (const int loaded = run_reporting_errors(
            "serve",
            [&] {
                ProgressPrinter progress(!quiet);
                if (schema) output::check_schema_name(*schema);
                dataset = gpkg   ? serve::load_served_geopackage(*gpkg)
                          : from ? serve::load_served_database(*from, *schema)
                                 : serve::load_served_dataset(*config_path, data_root,
                                                              progress.callback());
                progress.finish_line();
                return kOk;
            });
        loaded != kOk)
        return loaded;
    serve::WebFiles web =
        serve::WebFiles::load(web_dir.value_or(PALLIACARTE_WEB_DIR), PALLIACARTE_WEB_STYLES_DIR);
    if (no_basemap)
        web.set_basemap({});
    else if (basemap)
        web.set_basemap({*basemap, ""});
    else
        web.set_basemap(dataset->config.web_map);
    for (const auto& m : web.missing())
        std::cerr << "palliacarte serve : carte web indisponible (/carte), fichier absent : " << m
                  << " — lancez `npm ci --prefix service/web` ou donnez --web DOSSIER\n";
    const serve::ServiceRoutes service(*dataset, &web);
    if (!quiet) options.log = &std::cerr;
    http::HttpServer server(
        options, [&](const std::string& path) { return service.route(path); },
        [&](const http::HttpRequest& r) { return service.handle(r); });
    try {
        server.start();
    } catch (const std::exception& e) {
        std::cerr << "palliacarte serve : écoute impossible sur " << options.host << ":"
                  << options.port << ": " << e.what() << "\n";
        return kUnreadableData;
    }
    std::cout << "palliacarte : " << dataset->config.name << " servi sur " << server.public_url()
              << "/ — la carte : " << server.public_url() << "/carte ("
              << dataset->ogc->collections().size() << " collections ; préparé en";
    for (const auto& t : dataset->timings) std::printf(" %s %.2f s;", t.step.c_str(), t.seconds);
    std::cout << ")" << std::endl;
    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::cout << "palliacarte : arrêt (" << (signal == SIGTERM ? "SIGTERM" : "SIGINT") << ")"
              << std::endl;
    server.shutdown();
    return kOk;
}

}  // namespace palliacarte::cli
