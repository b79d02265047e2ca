<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Symbology|Fields">
<renderer-v2 type="singleSymbol" symbollevels="0" forceraster="0" enableorderby="0"><symbols><symbol type="fill" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleFill" enabled="1" locked="0" pass="0"><prop k="color" v="255,255,255,0"/><prop k="outline_color" v="37,37,37,255"/><prop k="outline_width" v="0.8"/><prop k="outline_width_unit" v="MM"/><prop k="style" v="no"/><prop k="outline_style" v="solid"/></layer></symbol></symbols></renderer-v2>
</qgis>
