# Estimate stage: one tidy estimates file per model.

from gvcpanel.estimate.convergence import paper_specs

# The estimation options each model reads: eqs (16)-(18) all three, eqs (19)-(20) only the
# standardisation (their threshold settings are the `threshold` param).
LINEAR_OPTIONS = {key: QY[key] for key in ("standardize", "differences", "se", "inference")}
THRESHOLD_OPTIONS = {key: QY[key] for key in ("standardize", "inference")}


rule estimate_qu_yang_linear:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        estimates=f"{W}/estimates/qu_yang_2023/{{model}}.json",
    params:
        spec=lambda w: QY["models"][w.model],
        options=LINEAR_OPTIONS,
        seed=lookup(dpath="seed", within=config),
        code=code("estimate_qu_yang_linear.py"),
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{LOGS}/estimate_qu_yang_linear/{{model}}.log",
    conda:
        ENV
    wildcard_constraints:
        model="|".join(QY["models"]),
    threads: 1
    script:
        "../workflow/scripts/estimate_qu_yang_linear.py"


QY_SHARDS = (QY.get("threshold") or {}).get("shards", 1)
QY_SHARD_FILE = f"{W}/estimates/qu_yang_2023/bootstrap/{{model}}_{{shard}}of{QY_SHARDS}.json"


rule estimate_qu_yang_threshold_shard:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        stats=QY_SHARD_FILE,
    params:
        spec=lambda w: QY["threshold_models"][w.model],
        threshold=lookup(dpath="qu_yang_2023/threshold", within=config),
        options=THRESHOLD_OPTIONS,
        seed=lookup(dpath="seed", within=config),
        shards=QY_SHARDS,
        code=code("estimate_qu_yang_threshold.py"),
    log:
        f"{LOGS}/estimate_qu_yang_threshold_shard/{{model}}_{{shard}}of{QY_SHARDS}.log",
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
        estimates=f"{W}/estimates/qu_yang_2023/{{model}}.json",
        tests=f"{W}/estimates/qu_yang_2023/{{model}}_threshold_tests.json",
        lr_curve=f"{W}/estimates/qu_yang_2023/{{model}}_lr_curve.csv",
        summary=f"{W}/estimates/qu_yang_2023/{{model}}_summary.txt",
    params:
        spec=lambda w: QY["threshold_models"][w.model],
        threshold=lookup(dpath="qu_yang_2023/threshold", within=config),
        options=THRESHOLD_OPTIONS,
        seed=lookup(dpath="seed", within=config),
        code=code("estimate_qu_yang_threshold.py"),
    resources:
        mem_mb=2000,
        runtime=60,
    log:
        f"{LOGS}/estimate_qu_yang_threshold/{{model}}.log",
    conda:
        ENV
    threads: 1
    wildcard_constraints:
        model="|".join(QY.get("threshold_models", {})) or "^$",
    script:
        "../workflow/scripts/estimate_qu_yang_threshold.py"


if LIU:
    LIU_SPECS = paper_specs(LIU["group"])

    rule estimate_liu:
        input:
            panel=rules.liu_industry_panel.output.panel,
            wage_index=LIU_RAW["wage_index"],
        output:
            estimates=[f"{LIU_EST}/{spec['name']}.json" for spec in LIU_SPECS],
        params:
            specs=LIU_SPECS,
            seed=lookup(dpath="seed", within=config),
            code=code("estimate_liu.py"),
        resources:
            mem_mb=2000,
            runtime=20,
        log:
            f"{LOGS}/estimate_liu.log",
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
            seed=lookup(dpath="seed", within=config),
            code=code("liu_firm_threshold.py"),
        log:
            f"{LOGS}/liu_firm_threshold_shard/{{shard}}of{LIU_TM['shards']}.log",
        benchmark:
            f"{BENCHMARKS}/liu_firm_threshold_shard/{{shard}}of{LIU_TM['shards']}.tsv"
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
            seed=lookup(dpath="seed", within=config),
            code=code("liu_firm_threshold.py"),
        log:
            f"{LOGS}/liu_firm_threshold.log",
        benchmark:
            f"{BENCHMARKS}/liu_firm_threshold.tsv"
        conda:
            ENV
        threads: 1
        resources:
            mem_mb=3000,
            runtime=60,
        script:
            "../workflow/scripts/liu_firm_threshold.py"
