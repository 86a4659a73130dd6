# Figures stage: plots rendered from the estimates files.


rule figure_qu_yang_lr_curves:
    input:
        curves=expand(f"{QY_EST}/{{model}}_lr_curve.csv", model=THRESHOLD_MODELS),
        estimates=expand(f"{QY_EST}/{{model}}.json", model=THRESHOLD_MODELS),
    output:
        png=report(f"{W}/figures/qu_yang_2023/lr_curves.png", caption="../report/qy_lr_curves.rst", category="Qu and Yang (2023)", subcategory="Figures"),
        pdf=f"{W}/figures/qu_yang_2023/lr_curves.pdf",
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        code=code("figure_qu_yang_lr_curves.py"),
    log:
        f"{LOGS}/figure_qu_yang_lr_curves.log",
    conda:
        ENV
    threads: 1
    script:
        "../workflow/scripts/figure_qu_yang_lr_curves.py"


LIU_FIGURES = [f"{W}/figures/liu_2013/figure{k}.{ext}" for k in (14, 15, 16, 17) for ext in ("png", "pdf")]

if LIU:

    rule figures_liu:
        input:
            panel=rules.liu_industry_panel.output.panel,
            changes_span=rules.liu_industry_panel.output.changes_span,
        output:
            figures=[
                report(f, caption="../report/liu_figures.rst", category="Liu (2013)", subcategory="Figures") if f.endswith(".png") else f
                for f in LIU_FIGURES
            ],
        params:
            group=LIU["group"],
            code=code("figures_liu.py"),
        resources:
            mem_mb=1000,
            runtime=10,
        log:
            f"{LOGS}/figures_liu.log",
        conda:
            ENV
        threads: 1
        script:
            "../workflow/scripts/figures_liu.py"


LIU_THEORY = f"{W}/figures/liu_2013/theory"

if LIU:

    rule figures_liu_theory:
        output:
            figures=[
                report(f"{LIU_THEORY}/figure{k}.png", caption="../report/liu_theory.rst", category="Liu (2013)", subcategory="Theory figures")
                if ext == "png"
                else f"{LIU_THEORY}/figure{k}.{ext}"
                for k in range(1, 14)
                for ext in ("png", "pdf")
            ],
            captions=f"{LIU_THEORY}/captions.md",
        params:
            code=code("figures_liu_theory.py"),
        log:
            f"{LOGS}/figures_liu_theory.log",
        threads: 1
        resources:
            mem_mb=1000,
            runtime=10,
        conda:
            ENV
        script:
            "../workflow/scripts/figures_liu_theory.py"


# Qu & Yang Figures 1 and 2 (country panel) and Figure 3 (the model of section 6.1).
QY_FIG = f"{W}/figures/qu_yang_2023"
QY_FIGURES = [f"{QY_FIG}/figure{k}.{ext}" for k in (1, 2, 3) for ext in ("png", "pdf")]


rule figures_qu_yang_1_2:
    input:
        panel=rules.build_country_panel.output.panel,
    output:
        figure1=[
            report(f"{QY_FIG}/figure1.png", caption="../report/qy_figures.rst", category="Qu and Yang (2023)", subcategory="Figures"),
            f"{QY_FIG}/figure1.pdf",
        ],
        figure2=[
            report(f"{QY_FIG}/figure2.png", caption="../report/qy_figures.rst", category="Qu and Yang (2023)", subcategory="Figures"),
            f"{QY_FIG}/figure2.pdf",
        ],
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        code=code("figures_qu_yang.py"),
    log:
        f"{LOGS}/figures_qu_yang_1_2.log",
    conda:
        ENV
    script:
        "../workflow/scripts/figures_qu_yang.py"


rule figure_qu_yang_3:
    output:
        png=report(f"{QY_FIG}/figure3.png", caption="../report/qy_figures.rst", category="Qu and Yang (2023)", subcategory="Figures"),
        pdf=f"{QY_FIG}/figure3.pdf",
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        code=code("figure_qu_yang_3.py"),
    log:
        f"{LOGS}/figure_qu_yang_3.log",
    conda:
        ENV
    script:
        "../workflow/scripts/figure_qu_yang_3.py"
