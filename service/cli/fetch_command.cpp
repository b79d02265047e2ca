#include "cli/fetch_command.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "cli/download_bar.hpp"
#include "cli/exit_codes.hpp"
#include "cli/french_numbers.hpp"
#include "cli/list_option.hpp"
#include "core/errors.hpp"
#include "crs/departement_crs.hpp"
#include "fetch/archive_member.hpp"
#include "fetch/commune_merge.hpp"
#include "fetch/download_manifest.hpp"
#include "fetch/fetch_record.hpp"
#include "fetch/http_download.hpp"
#include "fetch/row_filters.hpp"
#include "fetch/sha256_file.hpp"

namespace palliacarte::cli {

namespace fs = std::filesystem;
using namespace palliacarte::fetch;

namespace {

constexpr const char* kUsage =
    "usage: palliacarte fetch --departements 25,39,70,90 [--into DIR] [--with-roads]\n"
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

}  // namespace

int run_fetch(const std::vector<std::string>& args) {
    FetchChoice choice;
    std::string into, manifest_path = std::string(PALLIACARTE_DATA_DIR) + "/download-manifest.json";
    bool quiet = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* what) -> std::optional<std::string> {
            if (i + 1 >= args.size()) {
                std::cerr << "palliacarte fetch : " << a << " attend " << what << "\n" << kUsage;
                return std::nullopt;
            }
            return args[++i];
        };
        std::optional<std::string> v;
        if (a == "--departements") {
            if (!(v = value("une liste de départements"))) return kUsageOrConfigError;
            for (const auto& d : split_list(*v))
                choice.departements.push_back(normalize_departement(d));
        } else if (a == "--into") {
            if (!(v = value("un dossier"))) return kUsageOrConfigError;
            into = *v;
        } else if (a == "--grid") {
            if (!(v = value("une grille"))) return kUsageOrConfigError;
            choice.grid = *v;
        } else if (a == "--mirror") {
            if (!(v = value("une adresse"))) return kUsageOrConfigError;
            choice.mirror = *v;
        } else if (a == "--manifest") {
            if (!(v = value("un fichier"))) return kUsageOrConfigError;
            manifest_path = *v;
        } else if (a == "--with-roads") {
            choice.with_roads = true;
        } else if (a == "--quiet" || a == "-q") {
            quiet = true;
        } else if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return kOk;
        } else {
            std::cerr << "palliacarte fetch : option inconnue " << a << "\n" << kUsage;
            return kUsageOrConfigError;
        }
    }
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

    try {
        const DownloadManifest manifest = load_download_manifest(manifest_path);
        const auto plan = plan_downloads(manifest, choice);
        const fs::path dir(into);
        fs::create_directories(dir);
        FetchRecord record = FetchRecord::load(dir.string());
        record.departements = choice.departements;
        record.with_roads = choice.with_roads;
        record.grid = choice.grid;

        std::cout << "palliacarte fetch : départements " << listed << " → " << dir.string()
                  << "/\n";
        std::size_t downloaded = 0, present = 0, step = 0;
        std::map<std::string, std::vector<std::string>> to_merge;  // merged file → inputs
        std::set<std::string> merge_has_news;  // merged files with a freshly downloaded input
        Box communes_box({0, 0}, {0, 0});
        bool have_box = false;
        for (std::size_t k = 0; k < plan.size(); ++k) {
            const PlannedDownload& d = plan[k];
            const ManifestSource& s = *d.source;
            std::cout << "[" << ++step << "/" << plan.size() << "] " << s.title
                      << (d.part.empty() ? "" : " — " + d.part) << "\n      " << d.url << "\n"
                      << std::flush;
            bool fresh = false;
            if (still_valid(record, dir, d.file, s.sha256)) {
                ++present;
                std::cout << "      déjà là et intact (SHA-256 vérifié) : " << d.file << "\n";
            } else {
                DownloadBar bar(!quiet);
                DownloadRequest request;
                request.url = d.url;
                request.destination = (dir / d.file).string();
                request.expected_size = s.size;
                request.expected_sha256 = s.sha256;
                const DownloadResult got = download_file(request, bar.callback());
                bar.finish();
                FetchedFile f = describe(s);
                f.url = d.url;
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
            // Files taken out of this one.
            for (const ManifestExtract& x : s.extract) {
                const std::string from = x.from.empty() ? d.file : x.from;
                // What the file is cut to is part of what it derives from: another set of
                // départements (or communes) must cut the table again.
                LineFilter keep;
                std::string cut;
                if (!x.commune_codes_column.empty()) {
                    keep = rows_in_departements(x.commune_codes_column, choice.departements);
                    cut = " — départements " + listed;
                }
                if (!x.grid_id_column.empty()) {
                    if (!have_box)
                        throw DataError(x.to, "the communes must be fetched before a grid is cut");
                    keep = cells_meeting(x.grid_id_column, communes_box);
                    char box[128];
                    std::snprintf(box, sizeof box,
                                  " — carreaux touchant %.0f %.0f %.0f %.0f (EPSG:3035)",
                                  communes_box.min_corner().x, communes_box.min_corner().y,
                                  communes_box.max_corner().x, communes_box.max_corner().y);
                    cut = box;
                }
                const FetchedFile* done = record.find(x.to);
                if (!fresh && done && done->derived_from == from + cut &&
                    still_valid(record, dir, x.to)) {
                    std::cout << "      déjà extrait : " << x.to << "\n";
                    continue;
                }
                const ExtractResult r =
                    extract_member((dir / from).string(), x.member, (dir / x.to).string(), keep);
                FetchedFile f = describe(s);
                f.derived_from = from + cut;
                f.bytes = r.bytes;
                f.sha256 = sha256_of_file((dir / x.to).string());
                if (keep)
                    f.note = thousands(r.lines_kept) + " lignes gardées sur " +
                             thousands(r.lines_read) + " (départements " + listed + ")";
                record.put(x.to, f);
                record.save();
                std::cout << "      extrait " << r.entry << " → " << x.to << " ("
                          << french_size(r.bytes) << (keep ? ", " + f.note : "") << ")\n";
            }
            if (!s.merge_into.empty()) {
                to_merge[s.merge_into].push_back(d.file);
                if (fresh) merge_has_news.insert(s.merge_into);
                const bool last_of_source = k + 1 == plan.size() || plan[k + 1].source != d.source;
                if (last_of_source) {
                    std::string inputs;
                    for (const auto& f : to_merge[s.merge_into])
                        inputs += (inputs.empty() ? "" : ", ") + f;
                    const FetchedFile* merged = record.find(s.merge_into);
                    const fs::path out = dir / s.merge_into;
                    if (!merge_has_news.count(s.merge_into) && merged &&
                        merged->derived_from == inputs && still_valid(record, dir, s.merge_into)) {
                        // Unchanged inputs: the merged file stays as it is (and so does the
                        // date the analysis cache keys on).
                        communes_box = communes_box_3035(out.string());
                        std::cout << "      déjà réunies : " << s.merge_into << "\n";
                    } else {
                        std::vector<std::string> paths;
                        for (const auto& f : to_merge[s.merge_into])
                            paths.push_back((dir / f).string());
                        const MergedCommunes m = merge_commune_files(paths, out.string());
                        FetchedFile f = describe(s);
                        f.derived_from = inputs;
                        f.bytes = fs::file_size(out);
                        f.sha256 = sha256_of_file(out.string());
                        f.note = thousands(m.communes) + " communes";
                        record.put(s.merge_into, f);
                        record.save();
                        communes_box = m.box_3035;
                        std::cout << "      " << thousands(m.communes) << " communes réunies → "
                                  << s.merge_into << "\n";
                    }
                    have_box = true;
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
    } catch (const DownloadError& e) {
        std::cerr << "\npalliacarte fetch : téléchargement impossible\n  adresse : " << e.url()
                  << "\n  raison  : " << e.reason() << "\n";
        return kUnreadableData;
    } catch (const ConfigError& e) {
        std::cerr << "palliacarte fetch : " << e.what() << "\n";
        return kUsageOrConfigError;
    } catch (const DataError& e) {
        std::cerr << "\npalliacarte fetch : fichier inutilisable : " << e.what() << "\n";
        return kUnreadableData;
    }
}

}  // namespace palliacarte::cli
