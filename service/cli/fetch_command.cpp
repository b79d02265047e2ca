#include "cli/fetch_command.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/command_line.hpp"
#include "cli/download_bar.hpp"
#include "cli/exit_codes.hpp"
#include "cli/french_numbers.hpp"
#include "cli/list_option.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/departement_crs.hpp"
#include "fetch/archive_member.hpp"
#include "fetch/commune_merge.hpp"
#include "fetch/download_manifest.hpp"
#include "fetch/fetch_record.hpp"
#include "fetch/http_download.hpp"
#include "fetch/latest_resource.hpp"
#include "fetch/row_filters.hpp"
#include "fetch/sha256_file.hpp"

namespace palliacarte::cli {

namespace fs = std::filesystem;
using namespace palliacarte::fetch;

namespace {

constexpr const char* kUsage =
    "usage: palliacarte fetch --departements 25,39,70,90 [--into DIR] [--with-roads]\n"
    "                         [--margin-km 30]\n"
    "                         [--grid filosofi-200m|census-1km|none] [--mirror URL]\n"
    "                         [--manifest FILE] [--quiet]\n";

/// True when `file` is on disk as fetch recorded it (size and SHA-256), and as the manifest
/// wants it when the manifest knows its checksum.
bool still_valid(const FetchRecord& record, const fs::path& dir, const std::string& file,
                 const std::string& manifest_sha256 = "") {
    const FetchedFile* f = record.find(file);
    const fs::path path = dir / file;
    std::error_code ec;
    if (!f || !fs::exists(path) || fs::file_size(path, ec) != f->bytes || f->sha256.empty())
        return false;
    if (!manifest_sha256.empty() && f->sha256 != manifest_sha256) return false;
    return sha256_of_file(path.string()) == f->sha256;
}

/// 01…95 (Corsica as 2A and 2B), 971…974, 976.
bool is_departement_code(const std::string& d) {
    if (d == "2A" || d == "2B") return true;
    if (d.size() == 3) return d.rfind("97", 0) == 0 && d[2] >= '1' && d[2] <= '6' && d[2] != '5';
    if (d.size() != 2 || !std::isdigit(static_cast<unsigned char>(d[0])) ||
        !std::isdigit(static_cast<unsigned char>(d[1])))
        return false;
    const int n = std::stoi(d);
    return n >= 1 && n <= 95 && n != 20;
}

FetchedFile describe(const ManifestSource& s) {
    FetchedFile f;
    f.source_id = s.id;
    f.variant = s.variant;
    f.title = s.title;
    f.publisher = s.publisher;
    f.licence = s.licence;
    f.vintage = s.vintage;
    f.fetched_at = core::utc_now();
    return f;
}

/// What one fetch run carries from file to file.
struct FetchRun {
    fs::path dir;
    std::vector<std::string> departements;
    std::string listed;  ///< "25,39"
    FetchRecord record;
    model::Box communes_box{{0, 0}, {0, 0}};  ///< EPSG:3035, known once the communes are merged
    bool have_box = false;
};

/// Takes the manifest's files out of `file` (just downloaded when `fresh`), cut to the
/// territory; a file cut the same way from an unchanged source is kept as it is.
void extract_from(FetchRun& run, const ManifestSource& s, const std::string& file, bool fresh) {
    for (const ManifestExtract& x : s.extract) {
        const std::string from = x.from.empty() ? file : x.from;
        // What the file is cut to is part of what it derives from: another set of
        // départements (or communes) must cut the table again.
        LineFilter keep;
        std::string cut;
        if (!x.commune_codes_column.empty()) {
            keep = rows_in_departements(x.commune_codes_column, run.departements);
            cut = " — départements " + run.listed;
        }
        if (!x.grid_id_column.empty()) {
            if (!run.have_box)
                throw core::DataError(x.to, "the communes must be fetched before a grid is cut");
            keep = cells_meeting(x.grid_id_column, run.communes_box);
            char box[128];
            std::snprintf(box, sizeof box, " — carreaux touchant %.0f %.0f %.0f %.0f (EPSG:3035)",
                          run.communes_box.min_corner().x, run.communes_box.min_corner().y,
                          run.communes_box.max_corner().x, run.communes_box.max_corner().y);
            cut = box;
        }
        const FetchedFile* done = run.record.find(x.to);
        if (!fresh && done && done->derived_from == from + cut &&
            still_valid(run.record, run.dir, x.to)) {
            std::cout << "      déjà extrait : " << x.to << "\n";
            continue;
        }
        const ExtractResult r =
            extract_member((run.dir / from).string(), x.member, (run.dir / x.to).string(), keep);
        FetchedFile f = describe(s);
        f.derived_from = from + cut;
        f.bytes = r.bytes;
        f.sha256 = sha256_of_file((run.dir / x.to).string());
        if (keep)
            f.note = core::thousands(r.lines_kept) + " lignes gardées sur " +
                     core::thousands(r.lines_read) + " (départements " + run.listed + ")";
        run.record.put(x.to, f);
        run.record.save();
        std::cout << "      extrait " << r.entry << " → " << x.to << " (" << french_size(r.bytes)
                  << (keep ? ", " + f.note : "") << ")\n";
    }
}

/// Merges the per-département commune files `inputs` into `s.merge_into`, unless none was just
/// downloaded and the merged file holds exactly them (it then keeps its date, which the analysis
/// cache keys on); either way learns the communes' extent for cutting grids.
void merge_communes(FetchRun& run, const ManifestSource& s, const std::vector<std::string>& inputs,
                    bool any_fresh) {
    std::string joined;
    for (const auto& f : inputs) joined += (joined.empty() ? "" : ", ") + f;
    const FetchedFile* merged = run.record.find(s.merge_into);
    const fs::path out = run.dir / s.merge_into;
    run.have_box = true;
    if (!any_fresh && merged && merged->derived_from == joined &&
        still_valid(run.record, run.dir, s.merge_into)) {
        run.communes_box = communes_box_3035(out.string());
        std::cout << "      déjà réunies : " << s.merge_into << "\n";
        return;
    }
    std::vector<std::string> paths;
    for (const auto& f : inputs) paths.push_back((run.dir / f).string());
    const MergedCommunes m = merge_commune_files(paths, out.string());
    FetchedFile f = describe(s);
    f.derived_from = joined;
    f.bytes = fs::file_size(out);
    f.sha256 = sha256_of_file(out.string());
    f.note = core::thousands(m.communes) + " communes";
    run.record.put(s.merge_into, f);
    run.record.save();
    run.communes_box = m.box_3035;
    std::cout << "      " << core::thousands(m.communes) << " communes réunies → " << s.merge_into
              << "\n";
}

// « [k/n] title — part (for whom) » and the URL: what is about to be fetched.
void announce(std::size_t k, std::size_t n, const PlannedDownload& d, double margin_km) {
    std::string why;  // a region fetched for the structure margin says for whom
    for (const auto& dep : d.margin_departements)
        why += (why.empty() ? " (à moins de " + std::to_string(static_cast<long>(margin_km)) +
                                  " km : départements "
                            : ", ") +
               dep;
    if (!why.empty()) why += ")";
    std::cout << "[" << k + 1 << "/" << n << "] " << d.source->title
              << (d.part.empty() ? "" : " — " + d.part) << why << "\n      " << d.url << "\n"
              << std::flush;
}

struct ResolvedUrl {
    std::string url, vintage;
};

// The month's file of a dataset published under a changing name: its URL from the dataset's
// API document; other sources keep their manifest URL.
ResolvedUrl resolve_url(const FetchRun& run, const PlannedDownload& d, const std::string& mirror) {
    const ManifestSource& s = *d.source;
    if (s.resolve_title.empty()) return {d.url, s.vintage};
    const std::string api_file = (run.dir / (d.file + ".api.json")).string();
    fs::create_directories(fs::path(api_file).parent_path());
    DownloadRequest api;
    api.url = d.url;
    api.destination = api_file;
    download_file(api);
    const LatestResource latest =
        latest_resource(core::read_file(api_file), s.resolve_title, d.url);
    fs::remove(api_file);
    ResolvedUrl out{through_mirror(latest.url, mirror), s.vintage + " ; fichier " + latest.title};
    std::cout << "      dernier fichier publié : " << latest.title << "\n      " << out.url << "\n";
    return out;
}

// Downloads `d` unless the record holds it intact from the same URL; true when downloaded.
bool download_unless_present(FetchRun& run, const PlannedDownload& d, const ResolvedUrl& at,
                             bool quiet) {
    const ManifestSource& s = *d.source;
    const FetchedFile* known = run.record.find(d.file);
    if (still_valid(run.record, run.dir, d.file, s.sha256) && (!known || known->url == at.url)) {
        std::cout << "      déjà là et intact (SHA-256 vérifié) : " << d.file << "\n";
        return false;
    }
    DownloadBar bar(!quiet);
    DownloadRequest request;
    request.url = at.url;
    request.destination = (run.dir / d.file).string();
    request.expected_size = s.size;
    request.expected_sha256 = s.sha256;
    const DownloadResult got = download_file(request, bar.callback());
    bar.finish();
    FetchedFile f = describe(s);
    f.url = at.url;
    f.vintage = at.vintage;
    f.bytes = got.bytes;
    f.sha256 = got.sha256;
    run.record.put(d.file, f);
    run.record.save();
    std::cout << "      " << french_size(got.bytes) << " → " << d.file
              << (got.resumed_from > 0 || got.transfers > 1
                      ? " (repris après interruption, " + std::to_string(got.transfers) +
                            " transferts)"
                      : "")
              << (s.sha256.empty() ? "" : ", SHA-256 vérifié") << "\n";
    return true;
}

struct FetchOptions {
    FetchChoice choice;
    std::string into;
    std::string manifest_path = std::string(PALLIACARTE_DATA_DIR) + "/download-manifest.json";
    bool quiet = false;
};

// The command line, checked; an exit code when there is nothing to run.
std::optional<int> parse_fetch_args(const std::vector<std::string>& args, FetchOptions& o) {
    CommandLine line("fetch", kUsage);
    line.list({"--departements"}, "une liste de départements",
              [&](const std::string& d) {
                  o.choice.departements.push_back(crs::normalize_departement(d));
              })
        .value({"--into"}, "un dossier", o.into)
        .value({"--grid"}, "une grille", o.choice.grid)
        .value({"--mirror"}, "une adresse", o.choice.mirror)
        .value({"--manifest"}, "un fichier", o.manifest_path)
        .flag({"--with-roads"}, o.choice.with_roads)
        .number({"--margin-km"}, 0, 100,
                [&](long km) { o.choice.margin_km = static_cast<double>(km); })
        .flag({"--quiet", "-q"}, o.quiet);
    if (const auto outcome = line.parse(args, std::cout, std::cerr);
        outcome != CommandLine::Outcome::run)
        return outcome == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    if (o.choice.departements.empty()) {
        std::cerr << "palliacarte fetch : --departements est obligatoire\n" << kUsage;
        return kUsageOrConfigError;
    }
    for (const auto& d : o.choice.departements)
        if (!is_departement_code(d)) {
            std::cerr << "palliacarte fetch : département inconnu « " << d
                      << " » (codes INSEE : 01…95, 2A, 2B, 971…974, 976)\n";
            return kUsageOrConfigError;
        }
    return std::nullopt;
}

// Every planned download in turn: fetched (or found), extracted, merged per source.
int fetch_all(const FetchOptions& o, const std::string& listed) {
    const FetchChoice& choice = o.choice;
    // The plan points into the manifest: both live for the whole run.
    const DownloadManifest manifest = load_download_manifest(o.manifest_path, PALLIACARTE_DATA_DIR);
    const auto plan = plan_downloads(manifest, choice);
    FetchRun run{fs::path(o.into), choice.departements, listed, FetchRecord::load(o.into)};
    fs::create_directories(run.dir);
    FetchRecord& record = run.record;
    record.departements = choice.departements;
    record.with_roads = choice.with_roads;
    record.margin_km = choice.margin_km;
    record.grid = choice.grid;
    std::cout << "palliacarte fetch : départements " << listed << " → " << run.dir.string()
              << "/\n";
    std::size_t downloaded = 0;
    std::vector<std::string> merge_inputs;  // the current source's files to merge
    bool merge_has_news = false;            // one of them was just downloaded
    for (std::size_t k = 0; k < plan.size(); ++k) {
        const PlannedDownload& d = plan[k];
        const ManifestSource& s = *d.source;
        announce(k, plan.size(), d, choice.margin_km);
        const bool fresh =
            download_unless_present(run, d, resolve_url(run, d, choice.mirror), o.quiet);
        downloaded += fresh;
        extract_from(run, s, d.file, fresh);
        if (!s.merge_into.empty()) {
            merge_inputs.push_back(d.file);
            merge_has_news |= fresh;
            if (k + 1 == plan.size() || plan[k + 1].source != d.source) {
                merge_communes(run, s, merge_inputs, merge_has_news);
                merge_inputs.clear();
                merge_has_news = false;
            }
        }
        if (!s.population_grid.is_null()) record.population_grid = s.population_grid;
    }
    record.save();
    std::cout << "\nTerminé : " << downloaded << " téléchargé(s), " << plan.size() - downloaded
              << " déjà présent(s) dans " << run.dir.string() << "\n"
              << "Sources, millésimes, licences et sommes SHA-256 : " << record.path() << "\n"
              << "Étape suivante : palliacarte init --departements " << listed << " --data "
              << run.dir.string() << " --out " << run.dir.string() << ".json\n";
    return kOk;
}

}  // namespace

int run_fetch(const std::vector<std::string>& args) {
    FetchOptions o;
    if (const auto exit_code = parse_fetch_args(args, o)) return *exit_code;
    std::string joined, listed;  // "25-39" for names, "25,39" for commands
    for (const auto& d : o.choice.departements) {
        joined += (joined.empty() ? "" : "-") + d;
        listed += (listed.empty() ? "" : ",") + d;
    }
    if (o.into.empty()) o.into = "territoire-" + joined;
    return run_reporting_errors("fetch", [&] { return fetch_all(o, listed); });
}

}  // namespace palliacarte::cli
