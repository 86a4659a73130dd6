# Figures stage: plots rendered from the estimates files.


rule figure_qu_yang_lr_curves:
    input:
        curves=expand(f"{QY_EST}/{{model}}_lr_curve.csv", model=THRESHOLD_MODELS),
        estimates=expand(f"{QY_EST}/{{model}}.json", model=THRESHOLD_MODELS),
    output:
        png=f"{R}/figures/qu_yang_2023/lr_curves.png",
        pdf=f"{R}/figures/qu_yang_2023/lr_curves.pdf",
    log:
        f"{R}/logs/figure_qu_yang_lr_curves.log",
    conda:
        ENV
    script:
        "../workflow/scripts/figure_qu_yang_lr_curves.py"
