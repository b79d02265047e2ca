#include "roads/pbf_framing.hpp"

#include <protozero/pbf_reader.hpp>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"

namespace palliacarte::roads {

namespace {

// Limits of the OSM PBF format (wiki.openstreetmap.org/wiki/PBF_Format), as libosmium applies
// them: a BlobHeader under 64 KiB, a Blob under 32 MiB.
constexpr std::uint32_t max_blob_header_size = 64 * 1024;
constexpr std::int64_t max_blob_size = 32 * 1024 * 1024;

struct BlobHeader {
    std::string type;
    std::int64_t datasize = -1;
};

BlobHeader decode_blob_header(const std::string& bytes) {
    BlobHeader h;
    protozero::pbf_reader message(bytes);
    while (message.next()) {
        if (message.tag() == 1 && message.wire_type() == protozero::pbf_wire_type::length_delimited)
            h.type = message.get_string();
        else if (message.tag() == 3 && message.wire_type() == protozero::pbf_wire_type::varint)
            h.datasize = message.get_int32();
        else
            message.skip();
    }
    return h;
}

}  // namespace

bool is_pbf_path(const std::string& path) {
    return std::filesystem::path(path).extension() == ".pbf";
}

PbfFraming check_pbf_framing(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw core::DataError(path, "fichier illisible");
    const std::uint64_t file_size = std::filesystem::file_size(path);
    PbfFraming framing;
    std::uint64_t offset = 0;
    while (offset < file_size) {
        const std::string where = "illisible comme données OpenStreetMap PBF, bloc n° " +
                                  std::to_string(framing.blocks + 1) + " (octet " +
                                  std::to_string(offset) + ") : ";
        unsigned char size_bytes[4];
        if (file_size - offset < 4 || !in.read(reinterpret_cast<char*>(size_bytes), 4))
            throw core::DataError(path, where + "fichier tronqué au milieu d'un en-tête de bloc");
        const std::uint32_t header_size = std::uint32_t{size_bytes[0]} << 24 |
                                          std::uint32_t{size_bytes[1]} << 16 |
                                          std::uint32_t{size_bytes[2]} << 8 | size_bytes[3];
        if (header_size == 0 || header_size > max_blob_header_size)
            throw core::DataError(path, where + "taille d'en-tête " + std::to_string(header_size) +
                                            " octets hors des limites du format (1 à 65536)");
        if (file_size - offset - 4 < header_size)
            throw core::DataError(path, where + "fichier tronqué au milieu d'un en-tête de bloc");
        std::string header_bytes(header_size, '\0');
        in.read(header_bytes.data(), header_size);
        BlobHeader header;
        try {
            header = decode_blob_header(header_bytes);
        } catch (const protozero::exception& e) {
            throw core::DataError(path, where + "en-tête de bloc mal formé (" + e.what() + ")");
        }
        const char* expected = framing.blocks == 0 ? "OSMHeader" : "OSMData";
        if (header.type.empty()) throw core::DataError(path, where + "en-tête de bloc sans type");
        if (header.type != expected)
            throw core::DataError(
                path, where + "bloc de type « " + header.type + " », « " + expected + " » attendu");
        if (header.datasize <= 0 || header.datasize > max_blob_size)
            throw core::DataError(path, where + "taille de bloc " +
                                            std::to_string(header.datasize) +
                                            " octets hors des limites du format (1 à 32 Mio)");
        offset += 4 + header_size;
        framing.header_bytes += header_size;
        if (file_size - offset < static_cast<std::uint64_t>(header.datasize))
            throw core::DataError(path, where + "fichier tronqué : le bloc annonce " +
                                            std::to_string(header.datasize) +
                                            " octets, il en reste " +
                                            std::to_string(file_size - offset));
        offset += static_cast<std::uint64_t>(header.datasize);
        framing.data_bytes += static_cast<std::uint64_t>(header.datasize);
        ++framing.blocks;
        in.seekg(static_cast<std::streamoff>(offset));
    }
    if (framing.blocks == 0) throw core::DataError(path, "fichier vide");
    return framing;
}

}  // namespace palliacarte::roads
