#include "cli/fetch_command.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>

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
    f.fetched_at = utc_now();
    return f;
}

/// What one fetch run carries from file to file.
struct FetchRun {
    fs::path dir;
    std::vector<std::string> departements;
    std::string listed;  ///< "25,39"
    FetchRecord record;
    Box communes_box{{0, 0}, {0, 0}};  ///< EPSG:3035, known once the communes are merged
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
                throw DataError(x.to, "the communes must be fetched before a grid is cut");
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
            f.note = thousands(r.lines_kept) + " lignes gardées sur " + thousands(r.lines_read) +
                     " (départements " + run.listed + ")";
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
    f.note = thousands(m.communes) + " communes";
    run.record.put(s.merge_into, f);
    run.record.save();
    run.communes_box = m.box_3035;
    std::cout << "      " << thousands(m.communes) << " communes réunies → " << s.merge_into
              << "\n";
}

}  // namespace

int run_fetch(const std::vector<std::string>& args) {
    FetchChoice choice;
    std::string into, manifest_path = std::string(PALLIACARTE_DATA_DIR) + "/download-manifest.json";
    bool quiet = false;
    CommandLine line("fetch", kUsage);
    line.list(
            {"--departements"}, "une liste de départements",
            [&](const std::string& d) { choice.departements.push_back(normalize_departement(d)); })
        .value({"--into"}, "un dossier", into)
        .value({"--grid"}, "une grille", choice.grid)
        .value({"--mirror"}, "une adresse", choice.mirror)
        .value({"--manifest"}, "un fichier", manifest_path)
        .flag({"--with-roads"}, choice.with_roads)
        .number({"--margin-km"}, 0, 100,
                [&](long km) { choice.margin_km = static_cast<double>(km); })
        .flag({"--quiet", "-q"}, quiet);
    if (const auto o = line.parse(args, std::cout, std::cerr); o != CommandLine::Outcome::run)
        return o == CommandLine::Outcome::help ? kOk : kUsageOrConfigError;
    if (choice.departements.empty()) {
        std::cerr << "palliacarte fetch : --departements est obligatoire\n" << kUsage;
        return kUsageOrConfigError;
    }
    for (const auto& d : choice.departements)
        if (!is_departement_code(d)) {
            std::cerr << "palliacarte fetch : département inconnu « " << d
                      << " » (codes INSEE : 01…95, 2A, 2B, 971…974, 976)\n";
            return kUsageOrConfigError;
        }
    std::string joined, listed;  // "25-39" for names, "25,39" for commands
    for (const auto& d : choice.departements) {
        joined += (joined.empty() ? "" : "-") + d;
        listed += (listed.empty() ? "" : ",") + d;
    }
    if (into.empty()) into = "territoire-" + joined;

    return run_reporting_errors("fetch", [&] {
        const DownloadManifest manifest =
            load_download_manifest(manifest_path, PALLIACARTE_DATA_DIR);
        const auto plan = plan_downloads(manifest, choice);
        FetchRun run{fs::path(into), choice.departements, listed, FetchRecord::load(into)};
        const fs::path& dir = run.dir;
        fs::create_directories(dir);
        FetchRecord& record = run.record;
        record.departements = choice.departements;
        record.with_roads = choice.with_roads;
        record.margin_km = choice.margin_km;
        record.grid = choice.grid;

        std::cout << "palliacarte fetch : départements " << listed << " → " << dir.string()
                  << "/\n";
        std::size_t downloaded = 0, present = 0;
        std::vector<std::string> merge_inputs;  // the current source's files to merge
        bool merge_has_news = false;            // one of them was just downloaded
        for (std::size_t k = 0; k < plan.size(); ++k) {
            const PlannedDownload& d = plan[k];
            const ManifestSource& s = *d.source;
            std::string why;  // a region fetched for the structure margin says for whom
            for (const auto& dep : d.margin_departements)
                why += (why.empty() ? " (à moins de " +
                                          std::to_string(static_cast<long>(choice.margin_km)) +
                                          " km : départements "
                                    : ", ") +
                       dep;
            if (!why.empty()) why += ")";
            std::cout << "[" << k + 1 << "/" << plan.size() << "] " << s.title
                      << (d.part.empty() ? "" : " — " + d.part) << why << "\n      " << d.url
                      << "\n"
                      << std::flush;
            bool fresh = false;
            std::string url = d.url, vintage = s.vintage;
            if (!s.resolve_title.empty()) {
                // The month's file: its name from the dataset's API document.
                const std::string api_file = (dir / (d.file + ".api.json")).string();
                fs::create_directories(fs::path(api_file).parent_path());
                DownloadRequest api;
                api.url = d.url;
                api.destination = api_file;
                download_file(api);
                const LatestResource latest =
                    latest_resource(read_file(api_file), s.resolve_title, d.url);
                fs::remove(api_file);
                url = through_mirror(latest.url, choice.mirror);
                vintage = s.vintage + " ; fichier " + latest.title;
                std::cout << "      dernier fichier publié : " << latest.title << "\n      " << url
                          << "\n";
            }
            const FetchedFile* known = record.find(d.file);
            if (still_valid(record, dir, d.file, s.sha256) && (!known || known->url == url)) {
                ++present;
                std::cout << "      déjà là et intact (SHA-256 vérifié) : " << d.file << "\n";
            } else {
                DownloadBar bar(!quiet);
                DownloadRequest request;
                request.url = url;
                request.destination = (dir / d.file).string();
                request.expected_size = s.size;
                request.expected_sha256 = s.sha256;
                const DownloadResult got = download_file(request, bar.callback());
                bar.finish();
                FetchedFile f = describe(s);
                f.url = url;
                f.vintage = vintage;
                f.bytes = got.bytes;
                f.sha256 = got.sha256;
                record.put(d.file, f);
                record.save();
                fresh = true;
                ++downloaded;
                std::cout << "      " << french_size(got.bytes) << " → " << d.file
                          << (got.resumed_from > 0 || got.transfers > 1
                                  ? " (repris après interruption, " +
                                        std::to_string(got.transfers) + " transferts)"
                                  : "")
                          << (s.sha256.empty() ? "" : ", SHA-256 vérifié") << "\n";
            }
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
        std::cout << "\nTerminé : " << downloaded << " téléchargé(s), " << present
                  << " déjà présent(s) dans " << dir.string() << "\n"
                  << "Sources, millésimes, licences et sommes SHA-256 : " << record.path() << "\n"
                  << "Étape suivante : palliacarte init --departements " << listed << " --data "
                  << dir.string() << " --out " << dir.string() << ".json\n";
        return kOk;
    });
}

}  // namespace palliacarte::cli
