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


rule estimate_qu_yang_threshold:
    input:
        panel=rules.build_country_panel.output.panel,
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
