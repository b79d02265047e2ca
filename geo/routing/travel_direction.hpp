#pragma once
namespace palliacarte::routing {

/// @brief Which way travel time is measured. Mobile teams and HAD drive from their base to the
/// patient (forward graph); patients go to USP/LISP/HDJ (time from each place to the structure:
/// a search on the reverse graph). On one-way streets the two differ.
enum class SearchDirection { from_sources, to_sources };

}  // namespace palliacarte::routing
