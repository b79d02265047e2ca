#pragma once
// The service's request handling: which paths exist (OGC API – Features and the analysis
// endpoints), which methods they take, which are slow, and who answers each.
#include "app/served_dataset.hpp"
#include "http/http_message.hpp"
#include "http/http_server.hpp"

namespace palliacarte::app {

class ServiceApp {
  public:
    explicit ServiceApp(const ServedDataset& dataset) : d_(dataset) {}
    http::Route route(const std::string& path) const;
    /// @throws http::ProblemError (answered as problem+json by the server).
    http::HttpResponse handle(const http::HttpRequest& request) const;

  private:
    const ServedDataset& d_;
};

}  // namespace palliacarte::app
