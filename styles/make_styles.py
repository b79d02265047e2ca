#!/usr/bin/env python3
"""Writes palliacarte's layer styles from one palette: QGIS QML (embedded in coverage.gpkg's
layer_styles), SLD (other OGC clients) and a MapLibre style (the web map). Run it after changing
the palette; the generated files are committed.

Palettes are colour-blind safe: coverage status uses ColorBrewer RdYlBu (3 classes), white zones
YlOrRd (5 classes), structure types the Okabe-Ito set with a distinct marker shape per type.
"""
import json
import os
from xml.sax.saxutils import quoteattr, escape

HERE = os.path.dirname(os.path.abspath(__file__))

STATUS = [("covered", "couvert", "#4575b4"), ("partial", "partiel", "#fee090"),
          ("white_zone", "zone blanche", "#d73027")]
# type, French label, colour (Okabe-Ito), QGIS marker shape, MapLibre circle radius
TYPES = [("EMSP", "EMSP — équipe mobile", "#0072B2", "circle"),
         ("EMSPT", "EMSPT — équipe mobile territoriale", "#56B4E9", "square"),
         ("HAD", "HAD — hospitalisation à domicile", "#D55E00", "triangle"),
         ("USP", "USP — unité de soins palliatifs", "#CC79A7", "diamond"),
         ("LISP", "LISP — lits identifiés", "#009E73", "pentagon"),
         ("BENEVOLES", "Bénévoles d'accompagnement", "#E69F00", "star"),
         ("HDJ", "Hôpital de jour", "#F0E442", "hexagon"),
         ("CONSULT", "Consultation spécialisée", "#999999", "cross_fill"),
         ("HOPITAL", "Établissement hospitalier (FINESS)", "#000000", "octagon"),
         ("DAC", "DAC — appui à la coordination", "#666666", "half_square"),
         ("ERRSPP", "ERRSPP — pédiatrie", "#AA4499", "arrowhead"),
         ("EHPAD", "EHPAD (site candidat)", "#882255", "diagonal_half_square"),
         ("SSIAD", "SSIAD (site candidat)", "#44AA99", "quarter_square")]
# Types a config adds to its own type table (not in TYPES) fall in this group: every layer
# styled by type has one, so no analysed type is ever invisible.
OTHER = ("OTHER", "Autres types", "#777777", "circle")
CATCHMENT = [(15, "#08519c"), (20, "#2171b5"), (30, "#4292c6"), (45, "#9ecae1"), (60, "#c6dbef")]
# The web map's indicators: lower bound, colour (ColorBrewer YlOrRd, Blues, RdYlBu).
MINUTES = [(0, "#ffffb2"), (15, "#fecc5c"), (30, "#fd8d3c"), (45, "#f03b20"), (60, "#bd0026")]
APL = [(0, "#f7fbff"), (0.5, "#c6dbef"), (1, "#6baed6"), (2, "#2171b5"), (5, "#08306b")]
SHARE = [(0, "#d73027"), (5, "#fc8d59"), (50, "#fee090"), (95, "#4575b4")]
NO_DATA = "#d9d9d9"
# What-if marks (ColorBrewer PRGn ends, and a teal apart from every ramp), territory outlines.
WHAT_IF = {"leaving_white_zone": "#1a9850", "entering_white_zone": "#762a83",
           "added_catchment": "#00798c"}
OUTLINES = {"territory": "#21435f", "catchment": "#222222", "commune": "#6b6b6b"}
WHITE = [(0, 100, "#ffffb2"), (100, 1000, "#fecc5c"), (1000, 5000, "#fd8d3c"),
         (5000, 20000, "#f03b20"), (20000, 10**9, "#bd0026")]


def rgb(hexcolour, alpha=255):
    h = hexcolour.lstrip("#")
    return "%d,%d,%d,%d" % (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha)


def props(d):
    return "".join('<prop k=%s v=%s/>' % (quoteattr(k), quoteattr(str(v))) for k, v in d.items())


def fill_symbol(name, colour, alpha=255, outline="#505050", width=0.2, style="solid"):
    return ('<symbol type="fill" name=%s alpha="1" clip_to_extent="1" force_rhr="0">'
            '<layer class="SimpleFill" enabled="1" locked="0" pass="0">%s</layer></symbol>'
            % (quoteattr(name), props({"color": rgb(colour, alpha), "outline_color": rgb(outline),
                                       "outline_width": width, "outline_width_unit": "MM",
                                       "style": style, "outline_style": "solid"})))


def marker_symbol(name, colour, shape, size=3.2):
    return ('<symbol type="marker" name=%s alpha="1" clip_to_extent="1" force_rhr="0">'
            '<layer class="SimpleMarker" enabled="1" locked="0" pass="0">%s</layer></symbol>'
            % (quoteattr(name), props({"name": shape, "color": rgb(colour),
                                       "outline_color": "35,35,35,255", "outline_width": 0.3,
                                       "size": size, "size_unit": "MM"})))


def qml(renderer):
    return ("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
            '<qgis version="3.22.16" styleCategories="Symbology|Fields">\n' + renderer + "\n</qgis>\n")


def rule(key, label, filt, symbol=None, children="", checked=True):
    attrs = "key=%s label=%s filter=%s checkstate=%s" % (
        quoteattr(key), quoteattr(label), quoteattr(filt), quoteattr("1" if checked else "0"))
    if symbol is not None:
        attrs += " symbol=%s" % quoteattr(str(symbol))
    return "<rule %s>%s</rule>" % (attrs, children) if children else "<rule %s/>" % attrs


def rule_renderer(rules, symbols):
    return ('<renderer-v2 type="RuleRenderer" symbollevels="0" forceraster="0" enableorderby="0">'
            '<rules key="root">%s</rules><symbols>%s</symbols></renderer-v2>'
            % ("".join(rules), "".join(symbols)))


def type_filter(code):
    return "ELSE" if code == "OTHER" else "\"type\" = '%s'" % code


def by_type(children_of):
    """One rule group per type (and the ELSE group): every group but the first analysed type's
    is unchecked when palliacarte embeds the style (output/analysis_outputs.cpp), so a planner
    sees one type at a time and ticks the others."""
    rules, symbols = [], []
    for code, label, _, _ in TYPES + [OTHER]:
        rules.append(rule("type-" + code, label, type_filter(code),
                          children=children_of(code, symbols)))
    return qml(rule_renderer(rules, symbols))


def communes_coverage():
    def children(code, symbols):
        out = ""
        for status, status_fr, colour in STATUS:
            n = str(len(symbols))
            symbols.append(fill_symbol(n, colour))
            out += rule("%s-%s" % (code, status), status_fr, "\"status\" = '%s'" % status, n)
        return out
    return by_type(children)


def structures():
    cats, symbols = [], []
    for i, (code, label, colour, shape) in enumerate(TYPES + [OTHER]):
        # QGIS reads an empty category value as "all other values".
        value = "" if code == "OTHER" else code
        cats.append('<category render="true" symbol="%d" value=%s label=%s/>'
                    % (i, quoteattr(value), quoteattr(label)))
        symbols.append(marker_symbol(str(i), colour, shape))
    return qml('<renderer-v2 type="categorizedSymbol" attr="type" symbollevels="0" '
               'forceraster="0" enableorderby="0"><categories>%s</categories><symbols>%s'
               '</symbols><source-symbol>%s</source-symbol></renderer-v2>'
               % ("".join(cats), "".join(symbols), marker_symbol("0", "#777777", "circle")))


def catchments():
    def children(code, symbols):
        out = ""
        for kind, label, checked in (("union", "Union par type", True),
                                     ("structure", "Par structure", False)):
            inner, low = "", 0
            for limit, colour in CATCHMENT:
                n = str(len(symbols))
                symbols.append(fill_symbol(n, colour, alpha=110, outline=colour, width=0.3))
                inner += rule("%s-%s-%d" % (code, kind, limit), "≤ %d min" % limit,
                              '"limit_min" > %d AND "limit_min" <= %d' % (low, limit), n)
                low = limit
            out += rule("%s-kind-%s" % (code, kind), label, "\"kind\" = '%s'" % kind,
                        children=inner, checked=checked)
        return out
    return by_type(children)


def white_zones():
    def children(code, symbols):
        out = ""
        for kind, label, checked in (("commune", "Communes non couvertes", True),
                                     ("carreau", "Carreaux habités hors seuil", False)):
            inner = ""
            for low, high, colour in WHITE:
                n = str(len(symbols))
                symbols.append(fill_symbol(n, colour, outline="#7f7f7f"))
                text = ("%d habitants et plus" % low) if high >= 10**9 else (
                    "%d – %d habitants" % (low, high))
                inner += rule("%s-%s-%d" % (code, kind, low), text,
                              '"population_uncovered" >= %d AND "population_uncovered" < %d'
                              % (low, high), n)
            out += rule("%s-kind-%s" % (code, kind), label, "\"kind\" = '%s'" % kind,
                        children=inner, checked=checked)
        return out
    return by_type(children)


def territories():
    symbol = fill_symbol("0", "#ffffff", alpha=0, outline="#252525", width=0.8, style="no")
    return qml('<renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0" '
               'enableorderby="0"><symbols>%s</symbols></renderer-v2>' % symbol)


def candidate_sites():
    symbols = [marker_symbol("0", "#d73027", "star", 5.0), marker_symbol("1", "#9a9a9a", "cross2", 2.0)]
    rules = [rule("picked", "Site retenu (rang)", '"rank" IS NOT NULL', 0),
             rule("other", "Autre candidat", '"rank" IS NULL', 1, checked=False)]
    return qml(rule_renderer(rules, symbols))


def sld_status():
    rules = ""
    for status, status_fr, colour in STATUS:
        rules += ("<se:Rule><se:Name>%s</se:Name><ogc:Filter><ogc:PropertyIsEqualTo>"
                  "<ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>%s</ogc:Literal>"
                  "</ogc:PropertyIsEqualTo></ogc:Filter><se:PolygonSymbolizer><se:Fill>"
                  '<se:SvgParameter name="fill">%s</se:SvgParameter></se:Fill><se:Stroke>'
                  '<se:SvgParameter name="stroke">#505050</se:SvgParameter>'
                  '<se:SvgParameter name="stroke-width">0.5</se:SvgParameter></se:Stroke>'
                  "</se:PolygonSymbolizer></se:Rule>" % (escape(status_fr), status, colour))
    return sld("communes_coverage", rules)


def sld_white_zones():
    rules = ""
    for low, high, colour in WHITE:
        rules += ("<se:Rule><se:Name>%d+</se:Name><ogc:Filter><ogc:And>"
                  "<ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>population_uncovered"
                  "</ogc:PropertyName><ogc:Literal>%d</ogc:Literal>"
                  "</ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>"
                  "population_uncovered</ogc:PropertyName><ogc:Literal>%d</ogc:Literal>"
                  "</ogc:PropertyIsLessThan></ogc:And></ogc:Filter><se:PolygonSymbolizer>"
                  '<se:Fill><se:SvgParameter name="fill">%s</se:SvgParameter></se:Fill>'
                  "</se:PolygonSymbolizer></se:Rule>" % (low, low, high, colour))
    return sld("white_zones", rules)


def sld_structures():
    shapes = {"circle": "circle", "square": "square", "triangle": "triangle", "star": "star",
              "cross_fill": "cross"}
    rules = ""
    for code, label, colour, shape in TYPES:
        rules += ("<se:Rule><se:Name>%s</se:Name><ogc:Filter><ogc:PropertyIsEqualTo>"
                  "<ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>%s</ogc:Literal>"
                  "</ogc:PropertyIsEqualTo></ogc:Filter><se:PointSymbolizer><se:Graphic>"
                  "<se:Mark><se:WellKnownName>%s</se:WellKnownName><se:Fill>"
                  '<se:SvgParameter name="fill">%s</se:SvgParameter></se:Fill></se:Mark>'
                  "<se:Size>12</se:Size></se:Graphic></se:PointSymbolizer></se:Rule>"
                  % (escape(label), code, shapes.get(shape, "circle"), colour))
    return sld("structures", rules)


def sld_catchments():
    rules, low = "", 0
    for limit, colour in CATCHMENT:
        rules += ("<se:Rule><se:Name>≤ %d min</se:Name><ogc:Filter><ogc:And>"
                  "<ogc:PropertyIsGreaterThan><ogc:PropertyName>limit_min</ogc:PropertyName>"
                  "<ogc:Literal>%d</ogc:Literal></ogc:PropertyIsGreaterThan>"
                  "<ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>limit_min</ogc:PropertyName>"
                  "<ogc:Literal>%d</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo></ogc:And>"
                  "</ogc:Filter><se:PolygonSymbolizer><se:Fill>"
                  '<se:SvgParameter name="fill">%s</se:SvgParameter>'
                  '<se:SvgParameter name="fill-opacity">0.43</se:SvgParameter></se:Fill>'
                  "</se:PolygonSymbolizer></se:Rule>" % (limit, low, limit, colour))
        low = limit
    return sld("catchments", rules)


def sld(layer, rules):
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<StyledLayerDescriptor version="1.1.0" '
            'xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc" '
            'xmlns:se="http://www.opengis.net/se" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><NamedLayer><se:Name>%s'
            '</se:Name><UserStyle><se:Name>%s</se:Name><se:FeatureTypeStyle>%s'
            "</se:FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>\n"
            % (layer, layer, rules))


def maplibre():
    status_colour = ["match", ["get", "status"]]
    for status, _, colour in STATUS:
        status_colour += [status, colour]
    status_colour.append("#cccccc")
    white = ["step", ["get", "population_uncovered"], WHITE[0][2]]
    for low, _, colour in WHITE[1:]:
        white += [low, colour]
    type_colour = ["match", ["get", "type"]]
    for code, _, colour, _ in TYPES:
        type_colour += [code, colour]
    type_colour.append("#777777")
    catch = ["step", ["get", "limit_min"], CATCHMENT[0][1]]
    for (low, _), (_, colour) in zip(CATCHMENT, CATCHMENT[1:]):
        catch += [low + 0.001, colour]
    layer_src = lambda n: {"type": "geojson", "data": n + ".geojson"}
    return {
        "version": 8,
        "name": "palliacarte — couverture en soins palliatifs",
        "metadata": {"palliacarte:note": "Filter communes_coverage and white_zones on one type "
                                         "(e.g. [\"==\", [\"get\", \"type\"], \"EMSP\"])."},
        "sources": {n: layer_src(n) for n in ("communes_coverage", "white_zones", "catchments",
                                              "structures", "candidate_sites")},
        "layers": [
            {"id": "background", "type": "background", "paint": {"background-color": "#f8f8f8"}},
            {"id": "communes-coverage", "type": "fill", "source": "communes_coverage",
             "paint": {"fill-color": status_colour, "fill-outline-color": "#505050"}},
            {"id": "white-zones", "type": "fill", "source": "white_zones",
             "filter": ["==", ["get", "kind"], "commune"], "layout": {"visibility": "none"},
             "paint": {"fill-color": white, "fill-outline-color": "#7f7f7f"}},
            {"id": "catchments", "type": "fill", "source": "catchments",
             "filter": ["==", ["get", "kind"], "union"], "layout": {"visibility": "none"},
             "paint": {"fill-color": catch, "fill-opacity": 0.43}},
            {"id": "structures", "type": "circle", "source": "structures",
             "paint": {"circle-color": type_colour, "circle-radius": 6,
                       "circle-stroke-color": "#232323", "circle-stroke-width": 1}},
            {"id": "candidate-sites", "type": "circle", "source": "candidate_sites",
             "filter": ["has", "rank"],
             "paint": {"circle-color": "#d73027", "circle-radius": 8,
                       "circle-stroke-color": "#ffffff", "circle-stroke-width": 2}}]}


def main():
    files = {"communes_coverage.qml": communes_coverage(), "structures.qml": structures(),
             "catchments.qml": catchments(), "white_zones.qml": white_zones(),
             "territories.qml": territories(), "candidate_sites.qml": candidate_sites(),
             "communes_coverage.sld": sld_status(), "white_zones.sld": sld_white_zones(),
             "structures.sld": sld_structures(), "catchments.sld": sld_catchments(),
             "maplibre-style.json": json.dumps(maplibre(), ensure_ascii=False, indent=1) + "\n"}
    for name, text in files.items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            f.write(text)
    # The palette as data, for the PNG maps (C++ reads it) and the web map (/carte/palette.json):
    # one source of truth.
    palette = {"status": {s: c for s, _, c in STATUS},
               "types": {code: c for code, _, c, _ in TYPES},
               "other_type": OTHER[2],
               "white_zones": [[low, c] for low, _, c in WHITE],
               "minutes": [[low, c] for low, c in MINUTES],
               "apl_per_100k": [[low, c] for low, c in APL],
               "share_population_within": [[low, c] for low, c in SHARE],
               "no_data": NO_DATA,
               "what_if": WHAT_IF,
               "outlines": OUTLINES}
    with open(os.path.join(HERE, "palette.json"), "w", encoding="utf-8") as f:
        json.dump(palette, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
