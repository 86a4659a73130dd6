# Estimate stage: one tidy estimates file per model.

from gvcpanel.estimate.convergence import paper_specs

QY = config["qu_yang_2023"]
SOURCE_NOTE = {
    key: PANEL[key] for key in ("data_source", "data_vintage", "sample_note") if key in PANEL
}


rule estimate_qu_yang_linear:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        estimates=f"{R}/estimates/qu_yang_2023/{{model}}.json",
    params:
        spec=lambda w: QY["models"][w.model],
        options={k: v for k, v in QY.items() if k not in ("models", "table4", "table5")},
        seed=config["seed"],
        source=SOURCE_NOTE,
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{R}/logs/estimate_qu_yang_linear/{{model}}.log",
    conda:
        ENV
    wildcard_constraints:
        model="|".join(QY["models"]),
    threads: 1
    script:
        "../workflow/scripts/estimate_qu_yang_linear.py"


QY_SHARDS = (QY.get("threshold") or {}).get("shards", 1)
QY_SHARD_FILE = f"{R}/estimates/qu_yang_2023/bootstrap/{{model}}_{{shard}}of{QY_SHARDS}.json"


rule estimate_qu_yang_threshold_shard:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        stats=QY_SHARD_FILE,
    params:
        spec=lambda w: QY["threshold_models"][w.model],
        threshold=QY.get("threshold"),
        options={k: v for k, v in QY.items() if k not in ("models", "threshold_models")},
        seed=config["seed"],
        shards=QY_SHARDS,
    log:
        f"{R}/logs/estimate_qu_yang_threshold_shard/{{model}}_{{shard}}of{QY_SHARDS}.log",
    conda:
        ENV
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    wildcard_constraints:
        model="|".join(QY.get("threshold_models", {})) or "^$",
        shard=r"\d+",
    script:
        "../workflow/scripts/estimate_qu_yang_threshold.py"


rule estimate_qu_yang_threshold:
    input:
        panel=rules.build_country_panel.output.panel,
        shards=lambda w: (
            expand(QY_SHARD_FILE, model=w.model, shard=range(QY_SHARDS))
            if QY_SHARDS > 1
            else []
        ),
    output:
        estimates=f"{R}/estimates/qu_yang_2023/{{model}}.json",
        tests=f"{R}/estimates/qu_yang_2023/{{model}}_threshold_tests.json",
        lr_curve=f"{R}/estimates/qu_yang_2023/{{model}}_lr_curve.csv",
        summary=f"{R}/estimates/qu_yang_2023/{{model}}_summary.txt",
    params:
        spec=lambda w: QY["threshold_models"][w.model],
        threshold=QY.get("threshold"),
        options={
            k: v
            for k, v in QY.items()
            if k not in ("models", "threshold_models", "table4", "table5")
        },
        seed=config["seed"],
        source=SOURCE_NOTE,
    resources:
        mem_mb=2000,
        runtime=60,
    log:
        f"{R}/logs/estimate_qu_yang_threshold/{{model}}.log",
    conda:
        ENV
    threads: 1
    wildcard_constraints:
        model="|".join(QY.get("threshold_models", {})) or "^$",
    script:
        "../workflow/scripts/estimate_qu_yang_threshold.py"


if LIU:
    LIU_SPECS = paper_specs()

    rule estimate_liu:
        input:
            panel=rules.liu_industry_panel.output.panel,
            wage_index=LIU_RAW["wage_index"],
        output:
            estimates=[f"{LIU_EST}/{spec['name']}.json" for spec in LIU_SPECS],
        params:
            specs=LIU_SPECS,
            seed=config["seed"],
        resources:
            mem_mb=2000,
            runtime=20,
        log:
            f"{R}/logs/estimate_liu.log",
        conda:
            ENV
        threads: 1
        script:
            "../workflow/scripts/estimate_liu.py"


LIU_TM = (LIU or {}).get("threshold_model", {})
LIU_THRESHOLD = []
if LIU and LIU_TM.get("enabled"):
    LIU_TM_SHARD = f"{LIU_EST}/bootstrap/firm_threshold_{{shard}}of{LIU_TM['shards']}.json"
    LIU_THRESHOLD = [f"{LIU_EST}/firm_threshold.json", f"{LIU_EST}/firm_threshold_tests.json"]

    rule liu_firm_threshold_shard:
        input:
            firms=rules.ingest_firms.output.firms,
        output:
            stats=LIU_TM_SHARD,
        params:
            cfg=LIU_TM,
            group=LIU_TM["group"],
            seed=config["seed"],
        log:
            f"{R}/logs/liu_firm_threshold_shard/{{shard}}of{LIU_TM['shards']}.log",
        benchmark:
            f"{R}/benchmarks/liu_firm_threshold_shard/{{shard}}of{LIU_TM['shards']}.tsv"
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=3000,
            runtime=60,
        wildcard_constraints:
            shard=r"\d+",
        script:
            "../workflow/scripts/liu_firm_threshold.py"

    rule liu_firm_threshold:
        input:
            firms=rules.ingest_firms.output.firms,
            shards=expand(LIU_TM_SHARD, shard=range(LIU_TM["shards"]))
            if LIU_TM["shards"] > 1
            else [],
        output:
            estimates=LIU_THRESHOLD[0],
            tests=LIU_THRESHOLD[1],
            summary=f"{LIU_EST}/firm_threshold_summary.txt",
        params:
            cfg=LIU_TM,
            group=LIU_TM["group"],
            seed=config["seed"],
        log:
            f"{R}/logs/liu_firm_threshold.log",
        benchmark:
            f"{R}/benchmarks/liu_firm_threshold.tsv"
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=3000,
            runtime=60,
        script:
            "../workflow/scripts/liu_firm_threshold.py"
