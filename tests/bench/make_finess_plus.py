#!/usr/bin/python3
"""Writes a generated pair of FINESS+ files (finess-activites, finess-structures) of N
establishments in the ANS schema, for measuring the streaming readers on national sizes (the
real structures file has about 174,500 establishments). Not ANS data: names, numbers, positions
and activities are made up; one legal entity per 4 establishments, 2 activities each, one in 10
palliative (R4), one in 20 with a zone d'intervention of 30 communes.

usage: make_finess_plus.py N OUT_DIR [--gzip]"""
import gzip
import json
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
gz = "--gzip" in sys.argv
rng = random.Random(42)
deps = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"]


def opener(name):
    path = f"{out}/{name}.json" + (".gz" if gz else "")
    return gzip.open(path, "wt", encoding="utf-8") if gz else open(path, "w", encoding="utf-8")


def activity(aid, auth, code, modality, zone):
    return {"caracteristiquesGeneriques": {"activiteAeId": aid, "etatObjet": "A", "identifiantAutorisation": auth,
                                           "dateFinActiviteAutorisee": None, "dateFinEffectiveActivite": None},
            "nature": {"codeNature": "ASR", "caracteristiquesSpecifiques": {"typeActiviteASR": {
                "activiteSanitaireRegulee": code, "modaliteActivite": modality, "formeActivite": "01"}}},
            "evenement": [{"evenementId": aid, "dateEnregistrement": "2025-10-21 19:32:23", "codeEvenement": "010"}],
            "capacite": [{"nombre": str(rng.randint(2, 30)), "statutCapacite": s, "uniteMesureCapacite": "02"} for s in ("08", "09")],
            "zoneIntervention": {"communeZI": [{"commune": f"{zone}{c:03d}"} for c in range(1, 31)]} if rng.random() < 0.05 else None}


with opener("finess-activites") as act, opener("finess-structures") as st:
    act.write('{"schemaVersion": "v1.0.0", "generatedAt": "2026-11-27T00:00:00Z", "pmej": [\n')
    st.write('{"schemaVersion": "v1.0.0", "generatedAt": "2026-11-27T00:00:00Z", "gcc": [], "gco": [], "pmej": [\n')
    for pm in range((n + 3) // 4):
        dep = deps[pm % len(deps)]
        ej = f"{dep}{pm:07d}"[:9]
        eges_a, eges_s, auths = [], [], []
        for k in range(min(4, n - pm * 4)):
            et = f"{dep}{pm * 4 + k:07d}"[:9]
            r4 = rng.random() < 0.1
            code, modality = ("R4", rng.choice(["N1", "N2", "N4"])) if r4 else ("R7", "00")
            auth = f"A{pm}-{k}"
            auths.append(activity(auth, None, code, modality, dep))
            eges_a.append({"egeId": et, "numFinessEge": et, "activitesExercees": [
                activity(f"E{pm}-{k}", auth, code, modality, dep),
                activity(f"F{pm}-{k}", None, "R5", "00", dep)]})
            x, y = rng.uniform(150000, 1200000), rng.uniform(6100000, 7100000)
            eges_s.append({"informationsGeneralesEGE": {"egeId": et, "numFinessEge": et, "nomEgeCourt": f"ETABLISSEMENT {et}",
                                                        "nomEgeLong": f"ETABLISSEMENT GENERE {et}"},
                           "categorieentiteGeographiqueExercice": rng.choice(["355", "365", "127", "500", "354"]),
                           "adresse": [{"cogCommune": f"{dep}{rng.randint(1, 300):03d}", "ligneQuatre": "1 RUE GENEREE",
                                        "codePostal": f"{dep}000", "ligneAcheminement": "VILLE",
                                        "coordonneesGeographique": {"coordonneeX": f"{y:.2f}", "coordonneeY": f"{x:.2f}",
                                                                    "directionLatitude": "46.0", "directionLongitude": "2.0"}}],
                           "etatObjet": "A"})
        sep = ",\n" if pm else ""
        act.write(sep + json.dumps({"numFiness": ej, "activitesAutorisees": auths, "ege": eges_a}, ensure_ascii=False))
        st.write(sep + json.dumps({"informationsGeneralesPMEJ": {"numFinessPm": ej}, "ege": eges_s}, ensure_ascii=False))
    act.write("\n]}\n")
    st.write("\n]}\n")
