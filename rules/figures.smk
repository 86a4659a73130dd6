# Figures stage: plots rendered from the estimates files.


rule figure_qu_yang_lr_curves:
    input:
        curves=expand(f"{QY_EST}/{{model}}_lr_curve.csv", model=THRESHOLD_MODELS),
        estimates=expand(f"{QY_EST}/{{model}}.json", model=THRESHOLD_MODELS),
    output:
        png=f"{R}/figures/qu_yang_2023/lr_curves.png",
        pdf=f"{R}/figures/qu_yang_2023/lr_curves.pdf",
    resources:
        mem_mb=1000,
        runtime=10,
    log:
        f"{R}/logs/figure_qu_yang_lr_curves.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/figure_qu_yang_lr_curves.py"


LIU_FIGURES = [f"{R}/figures/liu_2013/figure{k}.{ext}" for k in (14, 15, 16, 17) for ext in ("png", "pdf")]

if LIU:

    rule figures_liu:
        input:
            panel=rules.liu_industry_panel.output.panel,
            changes_span=rules.liu_industry_panel.output.changes_span,
        output:
            figures=LIU_FIGURES,
        params:
            group=LIU["group"],
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{R}/logs/figures_liu.log",
        conda:
            ENV
        threads: 1
        script:
            "../workflow/scripts/figures_liu.py"


LIU_THEORY = f"{R}/figures/liu_2013/theory"

if LIU:

    rule figures_liu_theory:
        output:
            figures=[f"{LIU_THEORY}/figure{k}.{ext}" for k in range(1, 14) for ext in ("png", "pdf")],
            captions=f"{LIU_THEORY}/captions.md",
        log:
            f"{R}/logs/figures_liu_theory.log",
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        conda:
            ENV
        script:
            "../workflow/scripts/figures_liu_theory.py"
