#include "fetch/http_download.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include "fetch/sha256_file.hpp"

namespace palliacarte::fetch {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

void global_init() {
    static const bool done = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
    (void)done;
}

/// State one transfer's callbacks share.
struct Transfer {
    CURL* curl = nullptr;
    FILE* file = nullptr;
    std::uint64_t offset = 0;  ///< bytes on disk before this transfer
    bool status_checked = false;
    bool write_failed = false;
    const DownloadProgressFn* progress = nullptr;
    Clock::time_point start = Clock::now(), last_report{};
};

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    if (!t->status_checked) {
        t->status_checked = true;
        long code = 0;
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
        // A server that ignores Range sends the whole file again: start the .part afresh.
        if (code == 200 && t->offset > 0) {
            if (std::fflush(t->file) != 0 || ftruncate(fileno(t->file), 0) != 0 ||
                std::fseek(t->file, 0, SEEK_SET) != 0) {
                t->write_failed = true;
                return 0;
            }
            t->offset = 0;
        }
    }
    const std::size_t bytes = size * count;
    if (std::fwrite(data, 1, bytes, t->file) != bytes) {
        t->write_failed = true;
        return 0;
    }
    return bytes;
}

int on_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
    auto* t = static_cast<Transfer*>(user);
    if (!t->progress || !*t->progress) return 0;
    const auto at = Clock::now();
    if (at - t->last_report < std::chrono::milliseconds(200) && (total == 0 || now < total))
        return 0;
    t->last_report = at;
    const double seconds = std::chrono::duration<double>(at - t->start).count();
    DownloadProgress p;
    p.done = t->offset + static_cast<std::uint64_t>(now);
    p.total = total > 0 ? t->offset + static_cast<std::uint64_t>(total) : 0;
    p.bytes_per_second = seconds > 0 ? static_cast<double>(now) / seconds : 0;
    (*t->progress)(p);
    return 0;
}

std::string http_reason(long status) {
    const std::string code = "le serveur répond HTTP " + std::to_string(status);
    if (status == 404 || status == 410) return code + " (fichier introuvable à cette adresse)";
    if (status == 401 || status == 403) return code + " (accès refusé)";
    if (status == 416) return code + " (reprise refusée)";
    if (status >= 500) return code + " (erreur du serveur, réessayez plus tard)";
    return code;
}

/// True for failures where another transfer may get further (the connection dropped).
bool worth_resuming(CURLcode code) {
    return code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR ||
           code == CURLE_OPERATION_TIMEDOUT || code == CURLE_GOT_NOTHING ||
           code == CURLE_SEND_ERROR || code == CURLE_HTTP2 || code == CURLE_HTTP2_STREAM;
}

std::uint64_t size_on_disk(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : n;
}

}  // namespace

DownloadResult download_file(const DownloadRequest& request, const DownloadProgressFn& progress) {
    global_init();
    const fs::path final_path(request.destination);
    const fs::path part = final_path.string() + ".part";
    std::error_code ec;
    if (final_path.has_parent_path()) fs::create_directories(final_path.parent_path(), ec);
    // A .part longer than the expected file cannot be resumed.
    if (request.expected_size && size_on_disk(part) > *request.expected_size) fs::remove(part, ec);

    DownloadResult result;
    result.resumed_from = size_on_disk(part);
    std::string last_reason;
    for (int attempt = 1; attempt <= std::max(1, request.attempts); ++attempt) {
        const std::uint64_t offset = size_on_disk(part);
        std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(part.c_str(), "ab"), &std::fclose);
        if (!file) throw DownloadError(request.url, "écriture impossible dans " + part.string());
        std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), &curl_easy_cleanup);
        if (!curl) throw DownloadError(request.url, "libcurl n'a pas pu démarrer");
        Transfer t;
        t.curl = curl.get();
        t.file = file.get();
        t.offset = offset;
        t.progress = &progress;
        char error[CURL_ERROR_SIZE] = "";
        CURL* c = curl.get();
        curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "palliacarte-fetch/0.1");
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
        // A transfer stalled for a minute is treated as interrupted (and resumed).
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_write);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &on_progress);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, &t);
        if (offset > 0)
            curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(offset));
        const CURLcode code = curl_easy_perform(c);
        ++result.transfers;
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        file.reset();  // flush and close before anything looks at the .part
        if (t.write_failed)
            throw DownloadError(request.url,
                                "écriture impossible dans " + part.string() + " (disque plein ?)");
        if (code == CURLE_OK) break;
        if (code == CURLE_HTTP_RETURNED_ERROR && status == 416) {
            // The .part does not fit the server's file any more: start again.
            fs::remove(part, ec);
            last_reason = http_reason(status);
            continue;
        }
        if (code == CURLE_HTTP_RETURNED_ERROR)
            throw DownloadError(request.url, http_reason(status), status);
        if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT ||
            code == CURLE_COULDNT_RESOLVE_PROXY)
            throw DownloadError(request.url, std::string("serveur injoignable (hors ligne ?) : ") +
                                                 (*error ? error : curl_easy_strerror(code)));
        last_reason = std::string("transfert interrompu après ") +
                      std::to_string(size_on_disk(part)) + " octets (" +
                      (*error ? error : curl_easy_strerror(code)) + ")";
        if (!worth_resuming(code)) throw DownloadError(request.url, last_reason);
        if (attempt == std::max(1, request.attempts))
            throw DownloadError(request.url,
                                last_reason +
                                    " ; relancez la commande : le téléchargement reprendra "
                                    "où il s'est arrêté");
        std::this_thread::sleep_for(std::chrono::milliseconds(500 * attempt));
    }
    if (!fs::exists(part))
        throw DownloadError(request.url, last_reason.empty() ? "aucune donnée reçue" : last_reason);

    result.bytes = size_on_disk(part);
    if (request.expected_size && result.bytes != *request.expected_size) {
        fs::remove(part, ec);
        throw DownloadError(request.url, "taille inattendue : " + std::to_string(result.bytes) +
                                             " octets reçus, " +
                                             std::to_string(*request.expected_size) +
                                             " attendus ; fichier supprimé");
    }
    result.sha256 = sha256_of_file(part.string());
    if (!request.expected_sha256.empty() && result.sha256 != request.expected_sha256) {
        fs::remove(part, ec);
        throw DownloadError(request.url, "somme de contrôle SHA-256 différente (reçu " +
                                             result.sha256 + ", attendu " +
                                             request.expected_sha256 + ") ; fichier supprimé");
    }
    fs::rename(part, final_path, ec);
    if (ec) throw DownloadError(request.url, "renommage impossible vers " + final_path.string());
    return result;
}

}  // namespace palliacarte::fetch
