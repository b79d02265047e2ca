// What the service parses from a request line and its headers before any handler: percent
// decoding, UTF-8 validation, numbers and lists, media types, the Host check, and the whole
// items query (limit, offset, bbox, crs, properties, attribute filters) of a small collection.
// The input is a query string ("limit=5&bbox=…"), also used as a Host and a Content-Type.
#include "core/text_encoding.hpp"
#include "fuzz_input.hpp"
#include "fuzz_request.hpp"
#include "http/http_server.hpp"
#include "http/public_url.hpp"
#include "http/request_params.hpp"
#include "ogc/items_query.hpp"

namespace {

palliacarte::ogc::FeatureCollection tiny_collection() {
    using namespace palliacarte;
    model::Layer layer;
    layer.name = "tiny";
    layer.kind = model::GeometryKind::point;
    layer.fields = {{"insee", model::FieldType::text, "Code INSEE"},
                    {"population", model::FieldType::integer, "Population"},
                    {"share", model::FieldType::real, "Part"},
                    {"covered", model::FieldType::boolean, "Couvert"}};
    layer.features.push_back(
        {model::Point{648000, 6862000}, {std::string("92012"), std::int64_t{2}, 0.5, true}});
    layer.features.push_back(
        {model::Point{652000, 6858000}, {std::string("92040"), model::FieldValue{}, 1.0, false}});
    return ogc::FeatureCollection(std::move(layer), "fuzz");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace palliacarte;
    static const ogc::FeatureCollection collection = tiny_collection();
    const std::string text(reinterpret_cast<const char*>(data), size);
    http::HttpRequest r;
    r.query = fuzz::query_parameters(text);
    (void)core::is_valid_utf8(text);
    (void)http::media_type(text);
    try {
        (void)http::parse_number("n", text);
    } catch (const http::ProblemError&) {
    }
    static const http::PublicUrl url = http::make_public_url("", "127.0.0.1", 8080);
    (void)http::check_host(url, text, true);
    try {
        (void)http::make_public_url(text, "0.0.0.0", 8080);
    } catch (const std::invalid_argument&) {
    }
    try {
        const auto q = ogc::parse_items_query(collection, r);
        const auto m = collection.match(q);
        std::string out;
        for (std::size_t k = 0; k < m.count() && k < q.limit; ++k)
            collection.append_feature(out, m.at(k), q.crs, q.properties ? &*q.properties : nullptr);
    } catch (const http::ProblemError& e) {
        if (e.status >= 500) throw;
    }
    return 0;
}
