# Estimate stage: one tidy estimates file per model.

QY = config["qu_yang_2023"]


rule estimate_qu_yang_linear:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        estimates=f"{R}/estimates/qu_yang_2023/{{model}}.json",
    params:
        spec=lambda w: QY["models"][w.model],
        options={k: v for k, v in QY.items() if k != "models"},
        seed=config["seed"],
        source={
            "data_source": config["country_panel"].get("data_source", ""),
            "data_vintage": config["country_panel"].get("data_vintage", ""),
        },
    log:
        f"{R}/logs/estimate_qu_yang_linear/{{model}}.log",
    conda:
        ENV
    wildcard_constraints:
        model="|".join(QY["models"]),
    script:
        "../workflow/scripts/estimate_qu_yang_linear.py"
