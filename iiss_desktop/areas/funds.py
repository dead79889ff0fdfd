"""Fondi: Programma Annuale, earmarked funds, commitments, payments, reporting.

Who does what (D.I. 129/2018 Titolo I): the dirigente prepares the Programma Annuale with the
DSGA (art. 5 c.8), decrees the variations for earmarked revenue, storni and prelievi (art. 10)
and commits spending (art. 15); the DSGA records the accertamenti (art. 12), liquidates
(art. 16 c.1) and issues mandati and reversali with the dirigente (art. 17).
"""
from __future__ import annotations

from ..domain.access import ASSISTENTE_AMMINISTRATIVO, DIRIGENTE, DSGA, SOLA_LETTURA, Permission
from .base import YEAR, Area, ReportOption, ReportSpec

READ = Permission("funds.read", "Consultazione del Programma Annuale e dei fondi",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, SOLA_LETTURA}))
PREPARE = Permission("funds.prepare", "Predisposizione di variazioni, impegni e mandati",
                     frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
# Art. 5: the Programma Annuale, its forecasts and the school's own activities and projects
# are prepared by the dirigente with the DSGA; its steps (proposta, parere, delibera) recorded.
PROGRAMME = Permission("funds.programme", "Programma Annuale: previsioni, destinazioni e iter",
                       frozenset({DIRIGENTE, DSGA}), description="D.I. 129/2018 art. 5")
# Art. 10: the office records the Consiglio's deliberations of variation …
VARY = Permission("funds.vary", "Registrazione delle variazioni al Programma Annuale",
                  frozenset({DIRIGENTE, DSGA}), description="D.I. 129/2018 art. 10")
# … the dirigente decrees those following earmarked revenue, the storni and the prelievi.
DECREE = Permission("funds.decree", "Decreti di variazione e finanziamenti vincolati",
                    frozenset({DIRIGENTE}), description="D.I. 129/2018 art. 10 c.5")
# D.I. 129/2018 art. 15: the dirigente commits spending; art. 16-17: the DSGA liquidates.
COMMIT = Permission("funds.commit", "Impegni di spesa", frozenset({DIRIGENTE}))
LIQUIDATE = Permission("funds.liquidate", "Liquidazione e mandati di pagamento",
                       frozenset({DSGA}))
# Art. 12: the DSGA records the accertamento and issues the reversale.
COLLECT = Permission("funds.collect", "Accertamenti e reversali d'incasso", frozenset({DSGA}),
                     description="D.I. 129/2018 art. 12")

REPORTS = (
    ReportSpec("fondo-economale", "Registro del fondo economale", "Fondi",
               "iiss_desktop.reports.funds_cash:build_cash_register",
               "Minute spese dell'anno, reintegri e cassa residua (D.I. 129/2018 art. 21).",
               options=(YEAR,)),
    ReportSpec("mod-a", "Programma Annuale (Mod. A)", "Fondi",
               "iiss_desktop.reports.funds_programme:build_model_a",
               "Entrate per aggregato e voce, spese per destinazione, avanzo, equilibrio con la "
               "disponibilità da programmare (Z01), iter di approvazione e firme "
               "(D.I. 129/2018 artt. 4-6).",
               options=(YEAR,
                        ReportOption("definitiva", "«sì»: la programmazione definitiva, dopo le "
                                     "variazioni (predefinito: iniziale)"))),
    ReportSpec("mod-b", "Schede illustrative finanziarie (Mod. B)", "Fondi",
               "iiss_desktop.reports.funds_programme:build_model_b",
               "Per destinazione: fonti di finanziamento, spese per tipo di spesa e, nella "
               "programmazione definitiva, le variazioni (Mod. G).",
               options=(YEAR, ReportOption("destinazione", "codice della destinazione, ad "
                                                           "esempio A01 (predefinito: tutte)"),
                        ReportOption("definitiva", "«sì»: la programmazione definitiva, dopo le "
                                     "variazioni (predefinito: iniziale)"))),
    ReportSpec("decreto-variazione", "Decreto di variazione al Programma Annuale", "Fondi",
               "iiss_desktop.reports.funds_variations:build_variation_decree",
               "Il decreto del Dirigente (o la delibera del Consiglio) di una variazione: "
               "premesse, righe, previsioni risultanti e firme (D.I. 129/2018 art. 10).",
               options=(YEAR, ReportOption("numero", "numero della variazione (predefinito: "
                                                     "l'ultima dell'anno)", "int"),
                        ReportOption("id", "identificativo interno della variazione", "int"))),
    ReportSpec("variazioni", "Variazioni al Programma Annuale (Mod. F/G)", "Fondi",
               "iiss_desktop.reports.funds_variations:build_variations",
               "Le variazioni dell'anno con i totali per voce di entrata, per destinazione e "
               "per tipo di spesa (D.I. 129/2018 art. 10).",
               options=(YEAR,)),
    ReportSpec("rendiconto-fondo", "Rendiconto dei finanziamenti vincolati", "Fondi",
               "iiss_desktop.reports.funds_programme:build_fund_report",
               "Per finanziamento: base normativa, imputazione, tipi di spesa, termini, "
               "impegnato, liquidato e pagato per tipo, restituzione e residuo (monitoraggi "
               "del Ministero).",
               options=(YEAR, ReportOption("fondo", "identificativo o nome del finanziamento "
                                                    "(predefinito: tutti)"))),
    # --- the cash documents and the books of the year (reports/funds_orders.py,
    # reports/funds_ledger.py)
    ReportSpec("mandato", "Mandato di pagamento", "Fondi",
               "iiss_desktop.reports.funds_orders:build_payment_order",
               "Il mandato con i contenuti dell'art. 17 (D.I. 129/2018): importo in cifre e in "
               "lettere, creditore con i dati fiscali, imputazione, impegno e liquidazione, "
               "ritenute, scissione dei pagamenti, CIG e CUP, firme. Più mandati: uno per "
               "pagina.",
               options=(YEAR, ReportOption("numero", "numero del mandato (predefinito: "
                                                     "l'ultimo dell'anno)", "int"),
                        ReportOption("ultimo", "ultimo numero, per stampare più documenti "
                                                  "(uno per pagina)", "int")),
               numbered="fondi-mandati"),
    ReportSpec("reversale", "Reversale d'incasso", "Fondi",
               "iiss_desktop.reports.funds_orders:build_receipt_order",
               "La reversale: importo in cifre e in lettere, debitore, causale, aggregato e "
               "voce di entrata, firme. Più reversali: una per pagina.",
               options=(YEAR, ReportOption("numero", "numero della reversale (predefinito: "
                                                     "l'ultima dell'anno)", "int"),
                        ReportOption("ultimo", "ultimo numero, per stampare più documenti "
                                                  "(uno per pagina)", "int")),
               numbered="fondi-reversali"),
    ReportSpec("distinta", "Distinta dei mandati e delle reversali", "Fondi",
               "iiss_desktop.reports.funds_orders:build_distinta",
               "Per l'istituto cassiere: mandati e reversali del periodo o dei numeri indicati, "
               "con totali e totali progressivi dell'esercizio.",
               options=(YEAR, ReportOption("dal", "primo giorno (predefinito: 1° gennaio)",
                                           "date"),
                        ReportOption("al", "ultimo giorno (predefinito: 31 dicembre)", "date"),
                        ReportOption("primo", "primo numero di mandati e reversali", "int"),
                        ReportOption("ultimo", "ultimo numero di mandati e reversali",
                                     "int"))),
    ReportSpec("giornale-cassa", "Giornale di cassa", "Fondi",
               "iiss_desktop.reports.funds_ledger:build_cash_journal",
               "Reversali e mandati in ordine di data con il saldo progressivo dal fondo di "
               "cassa al 1° gennaio.",
               options=(YEAR, ReportOption("dal", "primo giorno (predefinito: 1° gennaio)",
                                           "date"),
                        ReportOption("al", "ultimo giorno (predefinito: 31 dicembre)",
                                     "date"))),
    ReportSpec("partitari", "Partitari delle entrate e delle spese", "Fondi",
               "iiss_desktop.reports.funds_ledger:build_ledgers",
               "Per voce di entrata (previsione, variazioni, accertato, riscosso) e per "
               "destinazione (previsione, variazioni, impegnato, pagato), con i movimenti.",
               options=(YEAR, ReportOption("voce", "voce di entrata (es. 03/01) o "
                                                   "destinazione (es. A01); predefinito: "
                                                   "tutte"))),
    ReportSpec("mod-h", "Conto finanziario (Mod. H)", "Fondi",
               "iiss_desktop.reports.funds_ledger:build_financial_account",
               "Entrate per aggregato e voce, spese per destinazione: programmazione "
               "definitiva, accertato/impegnato, riscosso/pagato, residui; avanzo o "
               "disavanzo di competenza.",
               options=(YEAR,)),
    ReportSpec("situazione-amministrativa", "Situazione amministrativa (Mod. J)", "Fondi",
               "iiss_desktop.reports.funds_residui:build_situation",
               "Fondo di cassa al 1° gennaio, riscossioni e pagamenti in conto competenza e in "
               "conto residui, fondo di cassa al 31 dicembre, residui attivi e passivi, "
               "avanzo o disavanzo di amministrazione (D.I. 129/2018).",
               options=(YEAR,)),
    ReportSpec("residui", "Elenco dei residui attivi e passivi", "Fondi",
               "iiss_desktop.reports.funds_residui:build_residui",
               "Per anno di provenienza: accertamenti non riscossi e impegni non pagati al 31 "
               "dicembre, con le riscossioni, i pagamenti e le radiazioni dell'anno "
               "(D.I. 129/2018 art. 12).",
               options=(YEAR,)),
)

AREA = Area("funds", "Fondi",
            (READ, PREPARE, PROGRAMME, VARY, DECREE, COMMIT, LIQUIDATE, COLLECT),
            tab="iiss_desktop.ui.funds.tab:FundsTab", reports=REPORTS,
            registers=("iiss_desktop.domain.funds",),
            models=("iiss_desktop.models.funds", "iiss_desktop.models.funds_cash",
                    "iiss_desktop.models.funds_residui"),
            demo="iiss_desktop.demo.funds:generate_funds",
            home="iiss_desktop.queries.funds:home_items", depends_on=("school",),
            audit_labels="iiss_desktop.domain.funds.audit_labels:LABELS")
