#!/usr/bin/env python3
"""Genera la edición de demostración «2024» (junio de 2023 – junio de 2024).

Escribe data/demo/acciones.csv y data/demo/retos.csv, reconstruidos a partir del
Informe Ejecutivo 2024 (seed) y de data/packs/mx/. Solo usa la biblioteca estándar
y es determinista (random.Random(2024)). Al final verifica las cifras del informe
(tabla por objetivo y tipo de reportante, 379 acciones, 326 retos, ...) e imprime
un resumen. Uso:  python3 tools/gen_demo.py
"""
import csv
import os
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CATALOGS = os.path.join(ROOT, "data", "packs", "mx")
DEMO = os.path.join(ROOT, "data", "demo")
EDICION = "2024"

rng = random.Random(2024)

# --------------------------------------------------------------------------
# Cifras del informe (sección III): objetivo -> (APF, EF, PJ, OCA, OSC)
# --------------------------------------------------------------------------
TIPOS_REPORTANTE = ["APF", "EF", "PJ", "OCA", "OSC"]
TABLA = {
    1: (20, 7, 0, 9, 0), 2: (14, 3, 0, 0, 1), 3: (12, 11, 3, 0, 2),
    4: (6, 27, 1, 1, 4), 5: (6, 5, 2, 0, 2), 6: (4, 4, 0, 0, 0),
    7: (27, 17, 1, 1, 0), 8: (3, 9, 0, 0, 0), 9: (4, 2, 0, 1, 0),
    10: (9, 22, 0, 1, 0), 11: (3, 1, 0, 0, 0), 12: (3, 1, 0, 0, 0),
    13: (2, 0, 2, 0, 7), 14: (9, 4, 0, 0, 0), 15: (17, 17, 0, 0, 3),
    16: (6, 7, 0, 1, 0), 17: (13, 3, 1, 0, 1), 18: (0, 5, 0, 0, 0),
    19: (0, 4, 0, 1, 0), 20: (3, 1, 0, 0, 0), 21: (7, 5, 1, 0, 0),
    22: (3, 3, 0, 0, 0), 23: (4, 4, 0, 0, 0),
}
TOTAL_ACCIONES = 379
TOTAL_RETOS = 326

# Población atendida (clave principal de cada acción): 54 / 20 / 10 / 16 %.
# Cuatro acciones atienden a dos poblaciones (retorno y exterior); con estas metas
# los porcentajes redondean a 54/20/10/16 tanto por población principal como por
# acciones que incluyen cada población y por menciones.
META_POBLACION = {"extranjeros": 206, "exterior": 74, "retorno": 37, "no_aplica": 62}
META_GENERO = 95          # 25 % de 379
META_DISCAPACIDAD = 243   # 64 % de 379

# --------------------------------------------------------------------------
# Tipos de acción (claves cortas -> nombre del catálogo)
# --------------------------------------------------------------------------
T = {
    "info": "Generación de información y/o materiales informativos",
    "inv": "Productos de investigación",
    "foro": "Foros o grupos de trabajo",
    "legal": "Servicios o asesoría legales",
    "recep": "Servicios de recepción y/o acompañamiento",
    "cap": "Capacitación",
    "salud": "Servicios de salud",
    "apoyo": "Apoyos económicos (financieros o materiales)",
    "edu": "Servicios educativos",
    "aloj": "Servicios de alimentación y/o alojamiento",
    "doc": "Documentos de identidad o identificación",
    "ley": "Propuestas de ley o reforma a la legislación",
    "fin": "Servicios financieros",
    "colab": "Colaboración y/o coordinación de actores involucrados",
    "ret": "Acciones de retorno e integración",
    "tram": "Apoyo en trámites",
    "dif": "Difusión (campañas, materiales)",
    "sent": "Resolución de sentencias",
}

# Abreviaturas de población usadas en las especificaciones
P = {"ext": "extranjeros", "exterior": "exterior", "ret": "retorno", "na": "no_aplica"}


class Accion:
    """Especificación de una acción (antes de asignar folio y atributos)."""

    def __init__(self, inst, objs, nombre, desc, tipos, pobs, gen=False,
                 ben=None, res=None):
        self.inst = inst
        self.objs = list(objs)
        self.nombre = nombre
        self.desc = desc
        self.tipos = tipos.split(";")
        # pobs: "ext|na" = preferida y alternativas; "exterior+ret" = dos fijas
        if "+" in pobs:
            self.pob_fija = [P[p] for p in pobs.split("+")]
            self.pob_opciones = [self.pob_fija[0]]
        else:
            self.pob_fija = None
            self.pob_opciones = [P[p] for p in pobs.split("|")]
        self.gen = gen
        self.ben = ben
        self.res = res
        self.estado_nombre = None  # para EF


def A(inst, objs, nombre, desc, tipos, pobs, gen=False, ben=None, res=None):
    if isinstance(objs, int):
        objs = [objs]
    return Accion(inst, objs, nombre, desc, tipos, pobs, gen, ben, res)


# --------------------------------------------------------------------------
# Administración Pública Federal: acciones explícitas, por objetivo
# (los organismos que la sección III del informe nombra en cada objetivo)
# --------------------------------------------------------------------------
APF = [
    # ---- Objetivo 1 (20): UPMRIP 5, Conapo 4, INM 3, SRE 3, Conapred 3, Conahcyt 2
    A("UPMRIP", 1, "Boletín Mensual de Estadísticas Migratorias",
      "Publicación mensual de las estadísticas de entradas, documentación, regularización y eventos de personas extranjeras presentadas ante la autoridad migratoria, con desgloses por sexo, edad y nacionalidad.",
      "info", "na|ext"),
    A("UPMRIP", 1, "Prontuario sobre movilidad y migración internacional en México",
      "Compilación de indicadores sobre flujos de entrada, tránsito, destino y retorno, con fichas por entidad federativa para apoyar la formulación de políticas públicas con base empírica.",
      "inv", "na"),
    A("UPMRIP", 1, "Serie estadística sobre mujeres en contextos de movilidad",
      "Elaboración de publicaciones e informes con indicadores desagregados sobre mujeres, niñas y adolescentes migrantes en México, que documentan sus necesidades de protección.",
      "info;inv", "ext|na", gen=True),
    A("UPMRIP", 1, "Estrategia de fortalecimiento de la gobernanza migratoria local",
      "Elaboración de diagnósticos estatales sobre capacidades institucionales en materia de movilidad humana, en colaboración con los gobiernos de las entidades federativas.",
      "inv;colab", "na"),
    A("UPMRIP", 1, "Análisis de la legislación local en materia de movilidad humana",
      "Revisión comparada de las leyes estatales de atención a personas migrantes y sus familias, con recomendaciones para su armonización con la Ley de Migración.",
      "inv", "na"),
    A("Conapo", 1, "Anuario de Migración y Remesas México 2024",
      "Publicación anual, elaborada con una institución financiera y un organismo de investigación, que reúne la información estadística más reciente sobre migración internacional y remesas.",
      "inv", "exterior|na"),
    A("Conapo", 1, "Índices de intensidad migratoria México–Estados Unidos por municipio",
      "Cálculo y publicación de los índices de intensidad migratoria a nivel estatal y municipal con información censal, acompañados de una nota metodológica.",
      "info", "exterior|na"),
    A("Conapo", 1, "Estudio sobre la salud de la población mexicana en Estados Unidos",
      "Investigación sobre las condiciones de salud, el acceso a seguros médicos y las barreras de atención de la población de origen mexicano residente en Estados Unidos.",
      "inv", "exterior"),
    A("Conapo", 1, "Diagnóstico sobre el acceso a la educación de niñas, niños y adolescentes en movilidad",
      "Estudio sobre la inscripción, permanencia y conclusión escolar de niñas, niños y adolescentes migrantes y retornados en el sistema educativo nacional.",
      "inv", "ret|ext"),
    A("INM", 1, "Registro estadístico de personas extranjeras atendidas por el INM",
      "Integración de los registros administrativos de atención a personas extranjeras en oficinas de representación, con variables homologadas de sexo, edad y nacionalidad.",
      "info", "ext"),
    A("INM", 1, "Informe de resultados de los programas de atención a personas migrantes",
      "Elaboración de un informe sobre los resultados de los programas de protección y atención a personas migrantes que opera el Instituto Nacional de Migración.",
      "info", "ext"),
    A("INM", 1, "Estadística de flujos en puntos de internación aéreos, marítimos y terrestres",
      "Sistematización mensual de los registros de entradas y salidas en los puntos de internación del país para el análisis de tendencias de los flujos migratorios.",
      "info", "ext|na"),
    A("SRE", 1, "Informe estadístico de asistencia y protección consular",
      "Sistematización de los casos de asistencia y protección consular atendidos por la red de representaciones de México en el exterior, por tipo de caso y entidad de origen.",
      "info", "exterior"),
    A("SRE", 1, "Estudio sobre flujos migratorios extrarregionales en tránsito por México",
      "Investigación sobre las rutas, perfiles y necesidades de protección de personas de origen extrarregional que transitan por el territorio nacional.",
      "inv", "ext"),
    A("SRE", 1, "Datos de la red consular sobre mujeres mexicanas en el exterior",
      "Recopilación de información desagregada sobre mujeres mexicanas atendidas en las Ventanillas de Atención Integral a la Mujer de los consulados.",
      "info", "exterior", gen=True),
    A("Conapred", 1, "Explotación de resultados de la ENADIS sobre personas migrantes y refugiadas",
      "Análisis de los resultados de la Encuesta Nacional sobre Discriminación referidos a personas migrantes, refugiadas y solicitantes de asilo, y publicación de fichas temáticas.",
      "inv", "ext"),
    A("Conapred", 1, "Ficha temática sobre discriminación hacia personas en situación de movilidad",
      "Elaboración de un documento informativo con datos sobre percepciones, prácticas discriminatorias y acceso a derechos de la población migrante.",
      "info", "ext|na"),
    A("Conapred", 1, "Reporte de quejas por presuntos actos de discriminación hacia personas migrantes",
      "Sistematización de las quejas recibidas por presuntos actos de discriminación por origen nacional o situación migratoria, por ámbito y tipo de derecho vulnerado.",
      "info", "ext"),
    A("Conahcyt", 1, "Programa Nacional Estratégico de Migración: proyectos de investigación",
      "Financiamiento y seguimiento de proyectos de investigación e incidencia sobre movilidad humana, con participación de comunidades y personas migrantes.",
      "inv", "na"),
    A("Conahcyt", 1, "Repositorio de investigación científica sobre movilidad humana",
      "Integración de un repositorio de acceso abierto con los productos de investigación financiados en materia de migración, desplazamiento y refugio.",
      "info", "na"),

    # ---- Objetivo 2 (14): SRE 8, Sader 3, Semarnat 3
    A("SRE", 2, "Sembrando Vida en Guatemala",
      "Proyecto de cooperación enmarcado en Sembrando Oportunidades que otorga apoyos económicos y asistencia técnica a personas sembradoras para establecer sistemas agroforestales en comunidades rurales de Guatemala.",
      "apoyo;colab", "na|ext", ben=(3000, 9000),
      res="Se apoyó a {n} personas sembradoras en comunidades rurales de Guatemala."),
    A("SRE", 2, "Sembrando Vida en Belice",
      "Replicación del programa Sembrando Vida en Belice mediante apoyos económicos y acompañamiento técnico para la producción agroforestal.",
      "apoyo;colab", "na|ext", ben=(800, 2500),
      res="Se apoyó a {n} personas sembradoras en Belice."),
    A("SRE", 2, "Sembrando Vida en Cuba, Venezuela y Colombia",
      "Ampliación de la cooperación Sembrando Oportunidades a Cuba, Venezuela y Colombia para generar empleo rural y arraigo en comunidades con altos índices de emigración.",
      "apoyo;colab", "na|ext", ben=(1500, 6000),
      res="Se benefició a {n} personas en los tres países participantes."),
    A("SRE", 2, "Jóvenes Construyendo el Futuro en Centroamérica",
      "Programa de capacitación en el trabajo para personas jóvenes de países de Centroamérica, coordinado por la Agencia Mexicana de Cooperación Internacional para el Desarrollo.",
      "cap;apoyo", "na|ext", ben=(2000, 8000),
      res="Se vinculó a {n} personas jóvenes con centros de trabajo en sus comunidades."),
    A("SRE", 2, "Coordinación de la Comisión Intersecretarial de Atención Integral en Materia Migratoria",
      "Coordinación interinstitucional para dar seguimiento a los compromisos de desarrollo en el sur de México y en los países del norte de Centroamérica.",
      "colab;foro", "na"),
    A("SRE", 2, "Cooperación con USAID: Programa para la Competitividad Económica",
      "Proyecto conjunto con la Agencia de EE. UU. para el Desarrollo que impulsa la productividad de pequeñas empresas en regiones de origen de la migración.",
      "colab;apoyo", "na", ben=(500, 3000),
      res="Se fortaleció a {n} unidades productivas."),
    A("SRE", 2, "Proyectos “De Aquí Soy” y “Oportunidades Educativas”",
      "Proyectos de cooperación con USAID y la Organización Internacional para las Migraciones orientados a la permanencia escolar y a oportunidades de empleo para jóvenes en comunidades de origen.",
      "colab;edu", "na|ext", ben=(1000, 5000),
      res="Participaron {n} personas jóvenes en actividades educativas y de empleabilidad."),
    A("SRE", 2, "“Transformando los Sistemas de Mercado”, “Creando mi Futuro Aquí” y actividad ARCO",
      "Conjunto de actividades con USAID, entre ellas la Alliance for Root Causes and Opportunities (ARCO), para atender las causas estructurales de la migración mediante inversión y empleo.",
      "colab", "na"),
    A("Sader", 2, "Producción para el Bienestar en municipios de alta intensidad migratoria",
      "Apoyos directos a pequeños productores de granos básicos en municipios con alta intensidad migratoria, para fortalecer el ingreso rural y el arraigo.",
      "apoyo", "na|ret", ben=(5000, 40000),
      res="Se otorgaron apoyos a {n} productoras y productores."),
    A("Sader", 2, "Fertilizantes para el Bienestar en regiones expulsoras",
      "Entrega gratuita de fertilizantes a productores de pequeña escala en regiones del sur del país con alta expulsión de población.",
      "apoyo", "na", ben=(10000, 60000),
      res="Se entregaron fertilizantes a {n} productores de pequeña escala."),
    A("Sader", 2, "Precios de Garantía a productores del sur-sureste",
      "Compra de cosechas a precios de garantía para dar certidumbre al ingreso de familias campesinas que de otro modo considerarían emigrar.",
      "apoyo", "na", ben=(2000, 15000),
      res="Se benefició a {n} familias productoras."),
    A("Semarnat", 2, "Restauración de ecosistemas y empleo rural en la frontera sur",
      "Proyectos de restauración forestal con pago de jornales a personas de comunidades rurales de la frontera sur, como alternativa de ingreso.",
      "apoyo", "na|ext", ben=(300, 2500),
      res="Se generaron jornales para {n} personas."),
    A("Semarnat", 2, "Desarrollo Forestal Comunitario en regiones de origen de la migración",
      "Apoyo a ejidos y comunidades forestales para el manejo sustentable de sus recursos en regiones con altos índices de emigración.",
      "apoyo;cap", "na", ben=(200, 1500),
      res="Participaron {n} personas de ejidos y comunidades forestales."),
    A("Semarnat", 2, "Estrategia de adaptación al cambio climático y movilidad humana",
      "Elaboración de lineamientos para incorporar la movilidad humana asociada al cambio climático en los instrumentos de adaptación.",
      "inv;colab", "na"),

    # ---- Objetivo 3 (12): SRE 3, INM 3, UPMRIP 2, CIJ 2, Conapo 1, ANAM 1
    A("SRE", 3, "Guía del Viajero",
      "Actualización y difusión de la Guía del Viajero con recomendaciones, requisitos de documentos de viaje y datos de contacto de las representaciones de México.",
      "info;dif", "exterior"),
    A("SRE", 3, "Centro de Información y Asistencia a Personas Mexicanas (CIAM)",
      "Centro de atención telefónica gratuita que orienta a personas mexicanas en Estados Unidos y Canadá sobre trámites consulares, derechos y servicios.",
      "info;recep", "exterior", ben=(80000, 250000),
      res="El CIAM atendió {n} llamadas de personas mexicanas en el exterior."),
    A("SRE", 3, "Guía de protección para mujeres y adolescentes mexicanas en el exterior",
      "Material informativo sobre prevención de la violencia, derechos y servicios consulares dirigido a mujeres y adolescentes mexicanas que residen o viajan al extranjero.",
      "info;dif", "exterior", gen=True),
    A("INM", 3, "Difusión de trámites y servicios migratorios en redes sociales",
      "Publicación periódica de infografías y videos sobre requisitos y plazos de los trámites migratorios en las redes sociales institucionales.",
      "dif", "ext", ben=(100000, 900000),
      res="Las publicaciones alcanzaron a {n} personas usuarias."),
    A("INM", 3, "Módulos de información en puntos de internación",
      "Instalación de módulos de orientación en aeropuertos y cruces fronterizos con información sobre derechos, trámites y servicios para personas extranjeras.",
      "info;recep", "ext", ben=(5000, 40000),
      res="Se orientó a {n} personas en los módulos de información."),
    A("INM", 3, "Programa Héroes Paisanos: información para connacionales",
      "Operativos de invierno, Semana Santa y verano con información a personas mexicanas que visitan el país sobre sus derechos, franquicias y trámites.",
      "info;recep", "exterior", ben=(200000, 900000),
      res="Se atendió a {n} connacionales durante los operativos del periodo."),
    A("UPMRIP", 3, "Micrositio de legislación y normatividad en materia de movilidad humana",
      "Portal con la legislación, normatividad y criterios vigentes en materia migratoria y de movilidad humana, con lenguaje ciudadano.",
      "info", "na|ext"),
    A("UPMRIP", 3, "Cápsulas informativas de radio sobre migración segura",
      "Producción de programas informativos de radio, en español y lenguas indígenas, para comunidades de origen y tránsito.",
      "dif", "na|exterior", ben=(20000, 200000),
      res="Las cápsulas se transmitieron en radios comunitarias con una audiencia estimada de {n} personas."),
    A("Conapo", 3, "Campañas informativas en localidades de origen sobre migración segura",
      "Campañas de información en localidades de alta intensidad migratoria sobre riesgos de la migración irregular y vías regulares.",
      "dif", "na|exterior", ben=(5000, 50000),
      res="Las campañas llegaron a {n} personas en localidades de origen."),
    A("CIJ", 3, "Materiales informativos para la prevención de adicciones en población en movilidad",
      "Diseño y distribución de materiales informativos sobre prevención del consumo de sustancias para personas migrantes en albergues.",
      "info;dif", "ext", ben=(1000, 10000),
      res="Se distribuyeron materiales a {n} personas."),
    A("CIJ", 3, "Línea de orientación telefónica para personas migrantes y sus familias",
      "Servicio de orientación telefónica y en línea sobre salud mental y consumo de sustancias para personas migrantes y sus familias.",
      "info;recep", "ext|exterior", ben=(300, 3000),
      res="Se brindaron {n} orientaciones telefónicas."),
    A("ANAM", 3, "Información sobre franquicias y trámites aduaneros para connacionales",
      "Difusión de las franquicias aplicables y de los trámites aduaneros para la importación temporal de vehículos de personas mexicanas que residen en el extranjero.",
      "info;dif", "exterior", ben=(50000, 300000),
      res="Se orientó a {n} connacionales en los cruces fronterizos."),

    # ---- Objetivo 4 (6): Renapo 2, INM 2, SRE 2
    A("Renapo", 4, "CURP para personas mexicanas repatriadas",
      "Asignación y entrega de la Clave Única de Registro de Población a personas mexicanas repatriadas en los módulos de recepción de la frontera norte y en el aeropuerto de la Ciudad de México.",
      "doc", "ret", ben=(10000, 60000),
      res="Se entregaron {n} constancias de CURP a personas repatriadas."),
    A("Renapo", 4, "Grupo Interinstitucional sobre Derecho a la Identidad y Acceso a la Educación de las Personas Migrantes (GIDIAEPM)",
      "Grupo de trabajo en el marco del Consejo de Política Migratoria que identifica a niñas, niños y adolescentes nacidos en Estados Unidos, de padre o madre mexicanos, matriculados en educación básica sin registro de nacimiento en México, para que accedan a la doble nacionalidad.",
      "foro;doc", "ret+exterior", ben=(2000, 12000),
      res="Se identificó a {n} niñas, niños y adolescentes para su registro de doble nacionalidad."),
    A("INM", 4, "Expedición de Tarjetas de Visitante por Razones Humanitarias",
      "Expedición de la Tarjeta de Visitante por Razones Humanitarias a personas extranjeras víctimas o testigos de delito, solicitantes de la condición de refugiado y niñas, niños y adolescentes no acompañados.",
      "doc", "ext", ben=(40000, 120000),
      res="Se expidieron {n} Tarjetas de Visitante por Razones Humanitarias."),
    A("INM", 4, "Tarjetas de residente y de Visitante Trabajador Fronterizo",
      "Expedición de tarjetas de residente temporal y permanente, y de la Tarjeta de Visitante Trabajador Fronterizo para personas de Guatemala y Belice que trabajan en la frontera sur.",
      "doc", "ext", ben=(30000, 90000),
      res="Se expidieron {n} tarjetas de residente y de visitante trabajador fronterizo."),
    A("SRE", 4, "Expedición de pasaportes y matrículas consulares",
      "Expedición de pasaportes y matrículas consulares de alta seguridad en la red consular, incluidas jornadas sabatinas y consulados móviles.",
      "doc", "exterior", ben=(500000, 1500000),
      res="Se expidieron {n} documentos de identidad y viaje en la red consular."),
    A("SRE", 4, "Registro de nacimiento de personas mexicanas nacidas en el exterior",
      "Inscripción del nacimiento de hijas e hijos de personas mexicanas nacidos en el extranjero para el reconocimiento de la nacionalidad mexicana.",
      "doc;tram", "exterior", ben=(20000, 80000),
      res="Se realizaron {n} registros de nacimiento en la red consular."),

    # ---- Objetivo 5 (6): INM 3, UPMRIP 1, SRE 2
    A("INM", 5, "Trámites de regularización de situación migratoria",
      "Aplicación de los supuestos de regularización previstos en la Ley de Migración y su Reglamento, incluidas las razones humanitarias y la unidad familiar.",
      "doc;tram", "ext", ben=(20000, 70000),
      res="Se resolvieron {n} solicitudes de regularización migratoria."),
    A("INM", 5, "Tarjeta de Visitante Regional para visitantes transfronterizos",
      "Facilitación del ingreso de personas de Guatemala y Belice a los estados de la frontera sur mediante la Tarjeta de Visitante Regional.",
      "doc", "ext", ben=(30000, 120000),
      res="Se expidieron {n} Tarjetas de Visitante Regional."),
    A("INM", 5, "Facilidades migratorias para la reunificación familiar",
      "Procedimiento para la obtención de la condición de estancia de residente por vínculo familiar con personas mexicanas o residentes en el país.",
      "tram", "ext", ben=(5000, 20000),
      res="Se autorizaron {n} trámites por unidad familiar."),
    A("UPMRIP", 5, "Programa Piloto de Movilidad Laboral para personas haitianas",
      "Diseño y seguimiento de un programa piloto para que personas haitianas con protección internacional se incorporen a empleos formales en distintas entidades del país.",
      "colab;tram", "ext", ben=(100, 800),
      res="Se vinculó a {n} personas haitianas con empleos formales."),
    A("SRE", 5, "Visas por razones humanitarias y unidad familiar en la red consular",
      "Expedición de visas a familiares de personas mexicanas y de residentes en México, así como por razones humanitarias, en las representaciones consulares.",
      "doc;tram", "ext", ben=(3000, 15000),
      res="Se expidieron {n} visas por unidad familiar y razones humanitarias."),
    A("SRE", 5, "Mecanismo de facilitación de visas para la movilidad regional",
      "Simplificación de requisitos de visa para personas de países de la región con fines de turismo, negocios y visitas familiares.",
      "tram;colab", "ext", ben=(10000, 60000),
      res="Se tramitaron {n} visas bajo el mecanismo de facilitación."),

    # ---- Objetivo 6 (3 + SRE 14;6): SRE 1, STPS 2
    A("SRE", 6, "Mecanismo de Movilidad Laboral con Canadá, EE. UU. y Alemania",
      "Coordinación con los gobiernos de Canadá, Estados Unidos y Alemania para ampliar las vías de movilidad laboral temporal de personas trabajadoras mexicanas.",
      "colab", "exterior", ben=(1000, 6000),
      res="Se gestionaron {n} ofertas de empleo temporal en el exterior."),
    A("STPS", 6, "Programa de Trabajadores Agrícolas Temporales (PTAT) México-Canadá",
      "Reclutamiento, selección y documentación de personas trabajadoras agrícolas para empleos temporales en Canadá, con contratos, salarios y seguridad social garantizados.",
      "tram;colab", "exterior", ben=(20000, 30000),
      res="Se colocó a {n} personas trabajadoras agrícolas en Canadá."),
    A("STPS", 6, "Estrategia de Movilidad Laboral",
      "Vinculación de personas trabajadoras con empleadores en el exterior mediante el Servicio Nacional de Empleo, con información sobre derechos laborales y contratación ética.",
      "recep;info", "exterior|ext", ben=(3000, 12000),
      res="Se atendió a {n} personas buscadoras de empleo."),

    # ---- Objetivo 7 (26 + SNDIF 7;15)
    A("INM", 7, "Protección de niñas, niños y adolescentes migrantes en módulos de atención",
      "Atención a niñas, niños y adolescentes migrantes por Oficiales de Protección a la Infancia, con canalización a los sistemas DIF y a la Procuraduría de Protección.",
      "recep", "ext", ben=(20000, 70000),
      res="Se atendió a {n} niñas, niños y adolescentes migrantes."),
    A("INM", 7, "Orientación y asistencia humanitaria de los Grupos Beta",
      "Orientación, asistencia social y humanitaria, y primeros auxilios a personas migrantes en las rutas de tránsito, sin importar su nacionalidad o situación migratoria.",
      "recep", "ext", ben=(100000, 300000),
      res="Los Grupos Beta orientaron a {n} personas migrantes."),
    A("INM", 7, "Protocolo de actuación para la protección de niñas, niños y adolescentes en procedimientos migratorios",
      "Aplicación del protocolo que asegura el interés superior de la niñez, la no privación de la libertad y la canalización inmediata a la autoridad de protección.",
      "legal;colab", "ext", ben=(5000, 30000),
      res="Se aplicó el protocolo en {n} casos."),
    A("INM", 7, "Interpretación en lenguas indígenas en procedimientos migratorios",
      "Convenio para contar con intérpretes de lenguas indígenas en los procedimientos administrativos migratorios de personas de pueblos originarios de la región.",
      "legal;colab", "ext", ben=(200, 1500),
      res="Se brindaron {n} servicios de interpretación."),
    A("UPMRIP", 7, "Grupo de Trabajo sobre Desplazamiento Forzado Interno",
      "Espacio interinstitucional para elaborar propuestas de atención a personas desplazadas internas y darles seguimiento.",
      "foro", "na"),
    A("UPMRIP", 7, "Guía para la identificación y atención de la violencia en contextos de movilidad",
      "Guía dirigida a personas servidoras públicas para identificar situaciones de violencia y canalizar a personas migrantes a servicios especializados.",
      "info;cap", "ext", gen=True),
    A("UPMRIP", 7, "Mesa interinstitucional de atención a población jornalera agrícola migrante",
      "Mesa de trabajo con dependencias federales y estatales para mejorar las condiciones de vida y de trabajo de la población jornalera agrícola migrante.",
      "foro;colab", "na"),
    A("CEAV", 7, "Atención integral a víctimas migrantes",
      "Atención de primer contacto, asesoría jurídica y acompañamiento psicosocial a personas migrantes víctimas de delitos y violaciones a derechos humanos.",
      "legal;recep", "ext", ben=(300, 2500),
      res="Se brindó atención integral a {n} víctimas migrantes."),
    A("CEAV", 7, "Protocolo de acceso a la justicia para personas migrantes víctimas de delito",
      "Difusión y aplicación de un protocolo que garantiza el acceso a la justicia y a la reparación integral de personas migrantes víctimas.",
      "legal;cap", "ext"),
    A("SE-SIPINNA", 7, "Comisión de Protección Integral de Niñas, Niños y Adolescentes Migrantes y Solicitantes de la Condición de Refugiado",
      "Sesiones de la comisión para articular la protección integral de la niñez migrante y dar seguimiento a los acuerdos entre dependencias.",
      "foro;colab", "ext"),
    A("SE-SIPINNA", 7, "Ruta de protección integral de derechos de niñas, niños y adolescentes en situación de migración",
      "Elaboración y difusión de la ruta de protección que define las responsabilidades de cada autoridad desde la detección hasta la restitución de derechos.",
      "info;cap", "ext", gen=True),
    A("Conavim", 7, "Centros de Justicia para las Mujeres: atención a mujeres migrantes",
      "Atención interinstitucional, en un solo lugar, a mujeres migrantes víctimas de violencia, con servicios jurídicos, psicológicos y de empoderamiento.",
      "legal;recep", "ext", gen=True, ben=(500, 4000),
      res="Se atendió a {n} mujeres migrantes en los Centros de Justicia para las Mujeres."),
    A("Conavim", 7, "Guía de atención a mujeres migrantes víctimas de violencia",
      "Guía para personal de primer contacto sobre la atención con perspectiva de género e interculturalidad a mujeres y adolescentes migrantes.",
      "info;cap", "ext", gen=True),
    A("CIJ", 7, "Programa preventivo de adicciones para población migrante",
      "Talleres de habilidades para la vida y prevención del consumo de sustancias en albergues y casas del migrante.",
      "salud;cap", "ext", ben=(2000, 12000),
      res="Participaron {n} personas en actividades preventivas."),
    A("CIJ", 7, "Tratamiento y rehabilitación de adicciones para personas en movilidad",
      "Servicios de tratamiento ambulatorio y residencial para personas migrantes y retornadas con consumo problemático de sustancias.",
      "salud", "ret|ext", ben=(100, 900),
      res="Se brindó tratamiento a {n} personas."),
    A("CIJ", 7, "Atención a la salud mental de adolescentes migrantes y retornados",
      "Intervenciones breves de atención psicológica para adolescentes en contextos de movilidad, con participación de sus familias.",
      "salud", "ret|ext", ben=(200, 1500),
      res="Se atendió a {n} adolescentes y familiares."),
    A("Inmujeres", 7, "Estrategia de atención a mujeres en contextos de movilidad",
      "Acciones coordinadas con instancias de las mujeres en las entidades federativas para atender a mujeres migrantes, refugiadas y desplazadas.",
      "colab;recep", "ext", gen=True, ben=(1000, 8000),
      res="Se atendió a {n} mujeres en contextos de movilidad."),
    A("Inmujeres", 7, "Fortalecimiento de los Centros para el Desarrollo de las Mujeres en la frontera sur",
      "Apoyo a los Centros para el Desarrollo de las Mujeres de municipios de la frontera sur para la atención de mujeres migrantes.",
      "apoyo;cap", "ext", gen=True, ben=(500, 5000),
      res="Se benefició a {n} mujeres en municipios de la frontera sur."),
    A("SRE", 7, "Programa de Asistencia Jurídica a Personas Mexicanas a través de Asesorías Legales Externas (PALE)",
      "Contratación de asesorías legales externas para personas mexicanas en situación de vulnerabilidad en Estados Unidos en materia migratoria, laboral, familiar y penal.",
      "legal", "exterior", ben=(5000, 25000),
      res="Se brindaron {n} asesorías legales a personas mexicanas en el exterior."),
    A("SRE", 7, "Ventanillas de Atención Integral a la Mujer",
      "Atención especializada en los consulados a mujeres mexicanas víctimas de violencia, con canalización a servicios locales.",
      "recep;legal", "exterior", gen=True, ben=(5000, 20000),
      res="Se atendió a {n} mujeres mexicanas en las Ventanillas de Atención Integral a la Mujer."),
    A("GN", 7, "Operativos de protección y auxilio a personas migrantes en carreteras",
      "Patrullajes y operativos de auxilio en tramos carreteros con presencia de personas migrantes, con canalización a servicios de salud y asistencia.",
      "recep", "ext", ben=(5000, 40000),
      res="Se brindó auxilio a {n} personas migrantes."),
    A("GN", 7, "Capacitación a elementos de la Guardia Nacional en derechos humanos de personas migrantes",
      "Cursos sobre uso de la fuerza, derechos humanos y atención a personas en situación de vulnerabilidad en contextos de movilidad.",
      "cap", "na", ben=(3000, 20000),
      res="Se capacitó a {n} elementos de la Guardia Nacional."),
    A("Bienestar", 7, "Atención a población jornalera agrícola migrante",
      "Apoyos y servicios para familias jornaleras agrícolas migrantes en las zonas de atracción, en coordinación con los gobiernos estatales.",
      "apoyo", "na|ret", ben=(2000, 15000),
      res="Se benefició a {n} personas jornaleras y sus familias."),
    A("Bienestar", 7, "Incorporación de personas repatriadas a los Programas para el Bienestar",
      "Orientación e incorporación de personas mexicanas repatriadas que cumplen los requisitos a los programas sociales del Gobierno de México.",
      "apoyo;tram", "ret", ben=(1000, 8000),
      res="Se incorporó a {n} personas repatriadas a programas sociales."),
    A("SNDIF", 7, "Red de módulos de atención a niñas, niños y adolescentes migrantes no acompañados",
      "Operación de módulos en la frontera norte y sur para la recepción, atención inmediata y canalización de niñas, niños y adolescentes migrantes no acompañados.",
      "recep;aloj", "ext|ret", ben=(5000, 25000),
      res="Se atendió a {n} niñas, niños y adolescentes en los módulos."),
    A("SFP", 7, "Mecanismo de quejas y denuncias sobre la atención a personas migrantes",
      "Recepción y seguimiento de quejas y denuncias ciudadanas por presuntas faltas administrativas de personas servidoras públicas en la atención a personas migrantes.",
      "legal", "ext|na", ben=(50, 500),
      res="Se recibieron y atendieron {n} quejas y denuncias."),
    # pareja 7;15
    A("SNDIF", [7, 15], "Asistencia social y protección integral a niñas, niños y adolescentes migrantes",
      "Asistencia social, atención médica y psicológica, alojamiento temporal y acompañamiento jurídico a niñas, niños y adolescentes migrantes en los centros de asistencia social.",
      "recep;aloj", "ext", ben=(8000, 30000),
      res="Se brindó asistencia social a {n} niñas, niños y adolescentes migrantes."),

    # ---- Objetivo 8 (3): INM, SRE, Conasama
    A("INM", 8, "Búsqueda y rescate de personas migrantes en zonas de riesgo",
      "Acciones de búsqueda, rescate y salvamento de personas migrantes extraviadas o lesionadas en zonas desérticas, ríos y zonas montañosas.",
      "recep", "ext", ben=(500, 5000),
      res="Se rescató a {n} personas migrantes."),
    A("SRE", 8, "Mecanismo de Apoyo Exterior Mexicano de Búsqueda e Investigación",
      "Canal para que familiares de personas migrantes desaparecidas en México presenten denuncias y den seguimiento desde las embajadas y consulados.",
      "legal;colab", "ext|exterior", ben=(50, 400),
      res="Se dio seguimiento a {n} solicitudes de búsqueda."),
    A("Conasama", 8, "Atención psicosocial a familiares de personas migrantes desaparecidas",
      "Acompañamiento psicosocial a familias de personas migrantes desaparecidas durante los procesos de búsqueda e identificación.",
      "salud;recep", "exterior|ext", ben=(100, 800),
      res="Se brindó acompañamiento psicosocial a {n} familiares."),

    # ---- Objetivo 9 (4): INM 2, CEAV 1, UPMRIP 1
    A("INM", 9, "Capacitación para la identificación de víctimas del tráfico ilícito de migrantes",
      "Cursos para personal migratorio sobre la detección de casos de tráfico ilícito y la protección de las personas migrantes objeto de este delito.",
      "cap", "na|ext", ben=(500, 3000),
      res="Se capacitó a {n} personas servidoras públicas."),
    A("INM", 9, "Seminario regional sobre tráfico ilícito de migrantes",
      "Seminario con autoridades de países de la región para intercambiar información y buenas prácticas en la prevención y combate del tráfico ilícito.",
      "foro", "na", ben=(80, 400),
      res="Participaron {n} personas de instituciones nacionales y extranjeras."),
    A("CEAV", 9, "Representación jurídica de personas migrantes objeto de tráfico ilícito",
      "Asesoría y representación jurídica a personas migrantes objeto de tráfico ilícito para que accedan a la justicia y a la reparación.",
      "legal", "ext", ben=(50, 500),
      res="Se representó jurídicamente a {n} personas migrantes."),
    A("UPMRIP", 9, "Grupo de trabajo interinstitucional contra el tráfico ilícito de migrantes",
      "Grupo de trabajo que articula a las autoridades migratorias, de seguridad y de procuración de justicia para prevenir y combatir el tráfico ilícito de migrantes.",
      "foro;colab", "na"),

    # ---- Objetivo 10 (9): CEAV 3, INM 2, SRE 2, SESNSP 2
    A("CEAV", 10, "Asesoría jurídica federal a víctimas de trata de personas",
      "Asesoría jurídica y representación de personas migrantes víctimas de trata ante el Ministerio Público y los órganos jurisdiccionales.",
      "legal", "ext", ben=(50, 600),
      res="Se brindó asesoría jurídica a {n} víctimas de trata."),
    A("CEAV", 10, "Atención psicosocial a víctimas de trata en contexto de migración",
      "Atención psicológica y trabajo social especializado para personas migrantes víctimas de trata y sus familias.",
      "salud;recep", "ext", gen=True, ben=(50, 500),
      res="Se brindó atención psicosocial a {n} personas."),
    A("CEAV", 10, "Inscripción de víctimas migrantes de trata en el Registro Nacional de Víctimas",
      "Inscripción de personas migrantes víctimas de trata en el Registro Nacional de Víctimas para su acceso a medidas de ayuda, asistencia y reparación.",
      "legal;tram", "ext", ben=(30, 300),
      res="Se inscribió a {n} víctimas en el Registro Nacional de Víctimas."),
    A("INM", 10, "Protocolo para la detección, identificación y atención de personas extranjeras víctimas de trata",
      "Aplicación del protocolo en oficinas de representación y puntos de internación, con canalización a servicios de protección.",
      "legal;recep", "ext", gen=True, ben=(50, 600),
      res="Se identificó y canalizó a {n} personas extranjeras víctimas de trata."),
    A("INM", 10, "Capacitación en materia de trata de personas a personal del INM",
      "Cursos presenciales y en línea sobre indicadores de trata de personas y atención a víctimas para personal migratorio.",
      "cap", "na", ben=(1000, 5000),
      res="Se capacitó a {n} personas servidoras públicas del INM."),
    A("SRE", 10, "Protección consular a personas mexicanas víctimas de trata en el exterior",
      "Asistencia consular, representación legal y repatriación de personas mexicanas víctimas de trata en el extranjero.",
      "legal;recep", "exterior", gen=True, ben=(30, 300),
      res="Se brindó protección consular a {n} personas víctimas de trata."),
    A("SRE", 10, "Foro binacional contra la trata de personas",
      "Foro con autoridades de Estados Unidos y Guatemala para coordinar la prevención, persecución del delito y protección de víctimas.",
      "foro;colab", "na"),
    A("SESNSP", 10, "Información sobre incidencia delictiva en materia de trata de personas",
      "Publicación mensual de las víctimas y carpetas de investigación por el delito de trata de personas reportadas por las fiscalías estatales.",
      "info", "na"),
    A("SESNSP", 10, "Capacitación a policías en atención a víctimas de trata",
      "Programa de capacitación para policías estatales y municipales sobre detección y primer contacto con víctimas de trata en contextos de movilidad.",
      "cap", "na", ben=(1000, 8000),
      res="Se capacitó a {n} elementos policiales."),

    # ---- Objetivo 11 (3): INM 2, CNI 1
    A("INM", 11, "Estándar de competencia para la protección especializada de niñas, niños y adolescentes y personas en situación de vulnerabilidad en contexto de migración",
      "Publicación del estándar de competencia “atención para la protección especializada de niñas, niños y adolescentes y personas adultas pertenecientes a grupo vulnerable/prioritario en contexto de migración” y certificación del personal.",
      "cap", "na|ext", ben=(200, 1500),
      res="Se certificó a {n} personas servidoras públicas en el estándar de competencia."),
    A("INM", 11, "Capacitación a personal de puntos de internación",
      "Programa de capacitación para servidoras y servidores públicos de los puntos de internación en revisión migratoria con enfoque de derechos humanos.",
      "cap", "na", ben=(500, 3000),
      res="Se capacitó a {n} personas servidoras públicas."),
    A("CNI", 11, "Prevención de conductas ilícitas y seguridad fronteriza",
      "Generación de análisis de riesgo e intercambio de información con autoridades fronterizas para prevenir conductas ilícitas que afectan a personas migrantes.",
      "colab;info", "na"),

    # ---- Objetivo 12 (3): INM 2, SRE 1
    A("INM", 12, "Modelo de gestión de trámites migratorios",
      "Reingeniería de los procesos de trámites migratorios con citas en línea, seguimiento electrónico y plazos de respuesta definidos.",
      "tram;recep", "ext", ben=(50000, 200000),
      res="Se gestionaron {n} trámites bajo el nuevo modelo."),
    A("INM", 12, "Módulos de detección y canalización de personas en situación de vulnerabilidad",
      "Entrevistas de detección de necesidades de protección internacional y canalización a la Comisión Mexicana de Ayuda a Refugiados.",
      "recep", "ext", ben=(3000, 20000),
      res="Se canalizó a {n} personas con necesidades de protección."),
    A("SRE", 12, "Capacitación en asistencia y protección consular",
      "Cursos para el personal de la red consular sobre procedimientos de asistencia y protección consular, evaluación de casos y derivación.",
      "cap", "na|exterior", ben=(300, 1500),
      res="Se capacitó a {n} personas del servicio exterior."),

    # ---- Objetivo 13 (2): UPMRIP 1, INM 1
    A("UPMRIP", 13, "Anteproyecto de decreto de reformas reglamentarias en materia de niñez migrante",
      "Elaboración y envío del anteproyecto de reformas al Reglamento de la Ley de Migración para armonizarlo con la prohibición de alojar a niñas, niños y adolescentes en estaciones migratorias.",
      "ley", "ext"),
    A("INM", 13, "Mapa georreferenciado de oficinas del INM, albergues y centros de asistencia social",
      "Mapa con la ubicación de oficinas administrativas del INM, albergues y centros de asistencia social a nivel nacional para la canalización de personas migrantes.",
      "info;colab", "ext"),

    # ---- Objetivo 14 (8 + SRE 14;6): SRE 7, CEAV 1
    A("SRE", 14, "Asistencia y protección consular a personas mexicanas en el exterior",
      "Atención de casos de protección consular en materia penal, migratoria, civil, laboral y administrativa por la red de consulados de México.",
      "legal;recep", "exterior", ben=(80000, 200000),
      res="Se atendieron {n} casos de asistencia y protección consular."),
    A("SRE", 14, "Consulados móviles y sobre ruedas",
      "Jornadas de servicios consulares en comunidades alejadas de las sedes consulares, con documentación, asesoría legal y servicios de salud.",
      "doc;recep", "exterior", ben=(20000, 90000),
      res="Se atendió a {n} personas en consulados móviles."),
    A("SRE", 14, "Diálogo y cooperación consular con Estados Unidos y Canadá",
      "Mecanismos de consulta sobre protección consular, repatriaciones y condiciones de detención de personas mexicanas.",
      "foro;colab", "exterior"),
    A("SRE", 14, "Protocolo de atención consular para personas víctimas de violencia basada en género",
      "Seguimiento a la aplicación del protocolo consular para la atención de víctimas de violencia basada en género.",
      "legal;cap", "exterior", gen=True, ben=(1000, 6000),
      res="Se aplicó el protocolo en la atención de {n} personas."),
    A("SRE", 14, "Protocolo de atención consular para niñas, niños y adolescentes no acompañados",
      "Entrevistas de detección de necesidades de protección y acompañamiento consular de niñas, niños y adolescentes mexicanos no acompañados.",
      "recep;legal", "exterior", gen=True, ben=(5000, 15000),
      res="Se entrevistó a {n} niñas, niños y adolescentes no acompañados."),
    A("SRE", 14, "Acompañamiento en casos de personas desaparecidas en el extranjero",
      "Asesoría y acompañamiento a familias de personas mexicanas desaparecidas en el extranjero, en coordinación con autoridades locales y comisiones de búsqueda.",
      "recep;legal", "exterior", ben=(100, 800),
      res="Se acompañó a {n} familias."),
    A("SRE", 14, "Asesoría legal en casos de detenciones y deportaciones",
      "Asesoría legal y visitas a centros de detención para personas mexicanas en procedimientos de deportación.",
      "legal", "exterior+ret", ben=(5000, 30000),
      res="Se brindaron {n} asesorías en casos de detención y deportación."),
    A("CEAV", 14, "Atención a víctimas mexicanas en el exterior en coordinación con la red consular",
      "Atención a víctimas mexicanas de delitos cometidos en el extranjero y a sus familias en México, en coordinación con los consulados.",
      "legal;colab", "exterior", ben=(30, 300),
      res="Se atendió a {n} víctimas y familiares."),
    # pareja 14;6
    A("SRE", [14, 6], "Asistencia y protección consular en materia laboral",
      "Orientación y representación de personas trabajadoras mexicanas en el exterior ante casos de salarios no pagados, accidentes de trabajo y abusos en la contratación.",
      "legal;recep", "exterior", ben=(3000, 15000),
      res="Se atendieron {n} casos de protección consular en materia laboral."),

    # ---- Objetivo 15 (16 + SNDIF 7;15)
    A("Conahcyt", 15, "Becas para personas refugiadas y solicitantes de protección internacional",
      "Apoyos para que personas refugiadas y con protección complementaria continúen sus estudios de posgrado en instituciones mexicanas.",
      "edu;apoyo", "ext", ben=(20, 200),
      res="Se otorgaron {n} becas."),
    A("BB", 15, "Servicios financieros para personas migrantes en sucursales del Banco del Bienestar",
      "Apertura de cuentas y servicios financieros para personas migrantes, con el propósito de aumentar su transaccionalidad financiera.",
      "fin", "ext|exterior", ben=(2000, 20000),
      res="Se abrieron {n} cuentas a personas migrantes."),
    A("Censida", 15, "Prevención, diagnóstico y tratamiento del VIH y otras ITS en población migrante",
      "Acceso universal a pruebas rápidas, profilaxis, tratamiento antirretroviral y condones para personas migrantes, sin requisito de documentación.",
      "salud", "ext", ben=(5000, 40000),
      res="Se realizaron {n} pruebas de detección y atenciones."),
    A("Conasama", 15, "Acceso equitativo a servicios de salud mental y adicciones",
      "Atención en salud mental y adicciones para personas migrantes en unidades de atención y albergues, con enfoque comunitario.",
      "salud", "ext", ben=(2000, 15000),
      res="Se otorgaron {n} atenciones de salud mental."),
    A("Conasama", 15, "Atención en crisis a mujeres migrantes",
      "Intervención en crisis y primeros auxilios psicológicos a mujeres migrantes en albergues de la frontera norte y sur.",
      "salud", "ext", gen=True, ben=(300, 3000),
      res="Se brindó atención en crisis a {n} mujeres migrantes."),
    A("IMSS-Bienestar", 15, "Atención médica a población migrante en unidades IMSS-Bienestar",
      "Consultas, urgencias y hospitalización gratuitas para personas migrantes sin seguridad social en las entidades adheridas.",
      "salud", "ext", ben=(30000, 150000),
      res="Se otorgaron {n} consultas a personas migrantes."),
    A("SMujeres", 15, "Circuitos de bienestar para mujeres migrantes",
      "Jornadas con servicios de salud, orientación jurídica y actividades de autocuidado para mujeres migrantes en albergues.",
      "salud;recep", "ext", gen=True, ben=(500, 4000),
      res="Participaron {n} mujeres migrantes en los circuitos de bienestar."),
    A("SMujeres", 15, "Formación y capacitación para mujeres jóvenes y adultas migrantes",
      "Cursos de formación para el trabajo y alfabetización digital dirigidos a mujeres jóvenes y adultas en contextos de movilidad.",
      "cap;edu", "ext|ret", gen=True, ben=(300, 2500),
      res="Se capacitó a {n} mujeres."),
    A("INM", 15, "Préstamo de línea telefónica a personas en situación de vulnerabilidad",
      "Facilitación de llamadas gratuitas para que personas migrantes se comuniquen con sus familiares, representantes legales o consulados.",
      "recep", "ext", ben=(20000, 90000),
      res="Se facilitaron {n} llamadas telefónicas."),
    A("INEA", 15, "Seguimiento educativo a personas adultas mexicanas en el exterior",
      "Plazas comunitarias en el exterior para que personas mexicanas adultas concluyan la primaria y la secundaria.",
      "edu", "exterior", ben=(2000, 12000),
      res="Se atendió a {n} personas adultas en el exterior."),
    A("INEA", 15, "Promoción de la oferta educativa para personas adultas migrantes",
      "Difusión y atención educativa en albergues para personas migrantes y retornadas que no han concluido su educación básica.",
      "edu;dif", "ret|ext", ben=(500, 5000),
      res="Se incorporó a {n} personas a servicios educativos."),
    A("SRE", 15, "Postales de salud y Ventanillas de Salud en consulados",
      "Difusión de postales de salud y servicios de detección, orientación y referencia médica en las Ventanillas de Salud de la red consular.",
      "salud;dif", "exterior", ben=(100000, 600000),
      res="Se atendió a {n} personas en las Ventanillas de Salud."),
    A("SRE", 15, "Jornadas de orientación en salud, educación y finanzas en consulados",
      "Jornadas informativas sobre salud, educación, finanzas y derechos civiles y políticos para la comunidad mexicana en el exterior.",
      "info;recep", "exterior", ben=(10000, 60000),
      res="Participaron {n} personas en las jornadas."),
    A("Salud", 15, "Promoción de la salud y prevención de enfermedades en población migrante",
      "Vacunación, detección de enfermedades y promoción de la salud en albergues, estaciones y puntos de tránsito.",
      "salud", "ext", ben=(20000, 120000),
      res="Se aplicaron {n} acciones de promoción y prevención."),
    A("STPS", 15, "Orientación sobre derechos laborales y servicios de empleo",
      "Orientación a personas migrantes sobre sus derechos laborales y acceso a los servicios del Servicio Nacional de Empleo.",
      "info;recep", "ext", ben=(1000, 8000),
      res="Se orientó a {n} personas migrantes."),
    A("Bienestar", 15, "Apoyo a personas víctimas de desplazamiento forzado interno",
      "Apoyos económicos y en especie a personas y familias víctimas de desplazamiento forzado interno para cubrir necesidades básicas.",
      "apoyo", "na", ben=(500, 5000),
      res="Se entregaron apoyos a {n} personas desplazadas."),

    # ---- Objetivo 16 (6)
    A("UPMRIP", 16, "Proyecto para el Fortalecimiento de la Integración Local en México (Profil)",
      "Coordinación de acciones para la integración local de personas refugiadas y con protección complementaria: vivienda, empleo, educación y salud en ciudades de acogida.",
      "colab;recep", "ext", ben=(1000, 8000),
      res="Se acompañó a {n} personas en su proceso de integración local."),
    A("INM", 16, "Programa de Repatriación Digna",
      "Recepción de personas mexicanas repatriadas con alimentación, llamadas telefónicas, atención médica, constancia de repatriación e información sobre servicios.",
      "recep;ret", "ret+exterior", ben=(100000, 250000),
      res="Se recibió a {n} personas mexicanas repatriadas."),
    A("INPI", 16, "Atención a personas indígenas migrantes y jornaleras",
      "Apoyos, asesoría y traducción para personas indígenas en contextos de migración interna e internacional.",
      "apoyo;legal", "na|ret", ben=(500, 4000),
      res="Se atendió a {n} personas indígenas."),
    A("SRE", 16, "Portal y campañas para la inclusión de la comunidad mexicana en el exterior",
      "Sitio de internet y campañas de difusión sobre servicios, organizaciones y programas de inclusión para personas mexicanas en el exterior.",
      "dif;info", "exterior", ben=(50000, 400000),
      res="El portal registró {n} visitas."),
    A("SMujeres", 16, "Proyectos semilla para el emprendimiento económico de mujeres migrantes jefas de familia",
      "Capital semilla, capacitación y acompañamiento para proyectos productivos de mujeres migrantes jefas de familia.",
      "apoyo;cap", "ext|ret", gen=True, ben=(100, 800),
      res="Se apoyó a {n} mujeres con capital semilla."),
    A("Imjuve", 16, "Inclusión y participación de personas jóvenes migrantes",
      "Actividades de participación, voluntariado y emprendimiento para personas jóvenes migrantes y retornadas.",
      "cap;recep", "ret|ext", ben=(300, 3000),
      res="Participaron {n} personas jóvenes."),

    # ---- Objetivo 17 (13): Conapred 4, UPMRIP 3, SMujeres 2, SFP 2, SRE 2
    A("Conapred", 17, "Curso en línea sobre migración, xenofobia y no discriminación",
      "Curso autogestivo para personas servidoras públicas y público en general sobre discriminación por origen nacional y situación migratoria.",
      "cap", "na", ben=(5000, 40000),
      res="Concluyeron el curso {n} personas."),
    A("Conapred", 17, "Talleres de sensibilización para personas servidoras públicas sobre no discriminación",
      "Talleres presenciales en oficinas de atención a migrantes para prevenir prácticas discriminatorias en la prestación de servicios.",
      "cap", "na", ben=(300, 3000),
      res="Se sensibilizó a {n} personas servidoras públicas."),
    A("Conapred", 17, "Campaña contra la xenofobia hacia personas en movilidad",
      "Campaña en medios digitales para visibilizar las aportaciones de las personas migrantes y refugiadas y combatir estereotipos.",
      "dif", "ext|na", ben=(200000, 2000000),
      res="La campaña tuvo un alcance de {n} personas."),
    A("Conapred", 17, "Guía para la acción pública contra la discriminación de personas migrantes",
      "Guía con recomendaciones para que las instituciones públicas incorporen medidas de igualdad y no discriminación en sus servicios.",
      "info", "ext|na"),
    A("UPMRIP", 17, "Campaña de comunicación sobre las aportaciones de la migración",
      "Campaña con datos sobre las contribuciones de las personas migrantes a la economía y a la vida comunitaria.",
      "dif", "ext|na", ben=(100000, 1000000),
      res="Las piezas de la campaña alcanzaron a {n} personas."),
    A("UPMRIP", 17, "Conversatorios sobre migración y derechos humanos",
      "Ciclo de conversatorios con academia, sociedad civil y personas migrantes para promover un discurso público con base empírica.",
      "foro", "na", ben=(200, 1500),
      res="Participaron {n} personas en los conversatorios."),
    A("UPMRIP", 17, "Encuentros con personas legisladoras sobre movilidad humana",
      "Espacios de diálogo con el Poder Legislativo para promover iniciativas que eliminen disposiciones discriminatorias hacia las personas migrantes.",
      "foro;ley", "na"),
    A("SMujeres", 17, "Talleres sobre derechos de las mujeres migrantes",
      "Talleres comunitarios para prevenir la discriminación y la violencia contra mujeres migrantes en comunidades de acogida.",
      "cap", "ext", gen=True, ben=(200, 2000),
      res="Participaron {n} personas en los talleres."),
    A("SMujeres", 17, "Encuentros comunitarios con mujeres migrantes y de comunidades de acogida",
      "Encuentros para el intercambio de experiencias entre mujeres migrantes y mujeres de las comunidades de acogida.",
      "foro", "ext", gen=True, ben=(100, 1000),
      res="Participaron {n} mujeres."),
    A("SFP", 17, "Capacitación en ética e integridad pública para la atención de personas migrantes",
      "Cursos sobre ética pública, conflictos de interés y trato digno en la atención a personas en situación de movilidad.",
      "cap", "na", ben=(500, 5000),
      res="Se capacitó a {n} personas servidoras públicas."),
    A("SFP", 17, "Código de conducta para el trato no discriminatorio a personas migrantes",
      "Promoción de la incorporación de criterios de no discriminación hacia personas migrantes en los códigos de conducta de las dependencias.",
      "info;cap", "na"),
    A("SRE", 17, "Programa de sensibilización en consulados sobre narrativas de la migración",
      "Talleres para el personal consular y socios comunitarios sobre comunicación no discriminatoria y narrativas basadas en evidencia.",
      "cap", "exterior|na", ben=(200, 1500),
      res="Participaron {n} personas."),
    A("SRE", 17, "Conversatorios sobre las aportaciones de la diáspora mexicana",
      "Conversatorios en universidades y consulados sobre la contribución de la comunidad mexicana en Estados Unidos y Canadá.",
      "foro;dif", "exterior", ben=(300, 3000),
      res="Asistieron {n} personas."),

    # ---- Objetivo 20 (3)
    A("Finabien", 20, "Tarjeta Finabien para el envío y la recepción de remesas",
      "Instrumento financiero que permite a personas mexicanas en Estados Unidos enviar dinero a México con bajo costo, con la posibilidad de solicitarlo en línea y recibirlo en un domicilio nacional.",
      "fin", "exterior", ben=(50000, 300000),
      res="Se entregaron {n} Tarjetas Finabien."),
    A("BB", 20, "Debicuenta exprés para la recepción de remesas",
      "Cuenta de apertura simplificada para que las familias de personas migrantes reciban remesas con seguridad y sin comisiones.",
      "fin", "exterior|na", ben=(20000, 150000),
      res="Se abrieron {n} Debicuentas exprés."),
    A("SRE", 20, "Jornadas informativas sobre el envío de remesas en consulados",
      "Firma de convenios de colaboración y jornadas informativas sobre opciones seguras y económicas para el envío de remesas.",
      "dif;colab", "exterior", ben=(5000, 40000),
      res="Participaron {n} personas en las jornadas informativas."),

    # ---- Objetivo 21 (6 + Consar 22;21): UPMRIP 2, INM 2, SRE 1, Sectur 1
    A("UPMRIP", 21, "Estrategia de atención a personas mexicanas en retorno",
      "Coordinación interinstitucional de servicios de identidad, salud, empleo y educación para personas mexicanas repatriadas y en retorno.",
      "ret;colab", "ret", ben=(5000, 30000),
      res="Se vinculó a {n} personas en retorno con servicios públicos."),
    A("UPMRIP", 21, "Micrositio de programas y servicios para el retorno",
      "Micrositio que difunde programas, acciones y servicios interinstitucionales que facilitan el retorno y la reinserción de las y los mexicanos y sus familias.",
      "info;dif", "ret+exterior", ben=(10000, 80000),
      res="El micrositio recibió {n} visitas."),
    A("INM", 21, "Vuelos de retorno asistido",
      "Coordinación de vuelos de retorno asistido para personas extranjeras que solicitan regresar a su país de origen de manera voluntaria.",
      "ret", "ext", ben=(3000, 20000),
      res="Retornaron {n} personas a su país de origen."),
    A("INM", 21, "Centro de atención telefónica para personas repatriadas",
      "Línea gratuita que orienta a personas repatriadas y a sus familias sobre los servicios disponibles en los puntos de recepción.",
      "info;recep", "ret", ben=(2000, 15000),
      res="Se atendieron {n} llamadas."),
    A("SRE", 21, "Acuerdos locales de repatriación",
      "Negociación y seguimiento de los arreglos locales de repatriación con autoridades de Estados Unidos para garantizar horarios y puntos seguros.",
      "colab", "ret"),
    A("Sectur", 21, "Abanderamiento de caravanas de connacionales en operativos vacacionales",
      "Acompañamiento y auxilio carretero de los Ángeles Verdes a caravanas de personas mexicanas que visitan o regresan al país en periodos vacacionales.",
      "recep;ret", "exterior|ret", ben=(20000, 120000),
      res="Se abanderó a caravanas con {n} connacionales."),
    # pareja 22;21
    A("Consar", [22, 21], "Recuperación del ahorro para el retiro de personas trabajadoras en retorno",
      "Orientación y trámite para que personas trabajadoras que regresan a México localicen su cuenta Afore, la unifiquen y dispongan de sus recursos.",
      "fin;tram", "ret", ben=(1000, 8000),
      res="Se atendió a {n} personas en retorno."),

    # ---- Objetivo 22 (2)
    A("Consar", 22, "Plataforma de envíos de dinero a cuentas Afore desde bancos en Estados Unidos",
      "Plataforma que permite a personas mexicanas en Estados Unidos realizar aportaciones voluntarias a su cuenta Afore desde bancos y comercios.",
      "fin", "exterior", ben=(5000, 40000),
      res="Se realizaron {n} aportaciones desde Estados Unidos."),
    A("IMSS", 22, "Campaña de incorporación a la seguridad social y ampliación de guarderías",
      "Promoción de la incorporación voluntaria al régimen obligatorio de familiares de personas migrantes y ampliación de la cobertura de guarderías.",
      "dif;tram", "exterior|na", ben=(1000, 10000),
      res="Se incorporó a {n} personas a la seguridad social."),

    # ---- Objetivo 23 (4): UPMRIP 3, SMujeres 1
    A("UPMRIP", 23, "Espacio regional de participación e incidencia para la gobernanza migratoria",
      "Instauración de un espacio de participación e incidencia regional para promover mejoras en el diseño y la gestión de políticas que favorezcan una migración segura, ordenada y regular.",
      "foro;colab", "na"),
    A("UPMRIP", 23, "Participación en la Conferencia Regional sobre Migración",
      "Participación activa en las reuniones de la Conferencia Regional sobre Migración y firma de acuerdos de colaboración con actores internacionales.",
      "foro;colab", "na"),
    A("UPMRIP", 23, "Reuniones con la Relatora Especial de la ONU sobre los derechos humanos de los desplazados internos",
      "Organización de reuniones de trabajo con la Relatora Especial y seguimiento a sus recomendaciones.",
      "foro", "na"),
    A("SMujeres", 23, "Comunidades de práctica para el intercambio de conocimientos entre personas servidoras públicas",
      "Comunidades de práctica con instituciones de países de la región para intercambiar experiencias de atención a mujeres en contextos de movilidad.",
      "foro;cap", "na|ext", gen=True, ben=(50, 300),
      res="Participaron {n} personas servidoras públicas de la región."),
]

# --------------------------------------------------------------------------
# Poder Judicial (IFDP: 4 acciones en 4 objetivos; SCJN: 7 acciones)
# --------------------------------------------------------------------------
PJ = [
    A("IFDP", 3, "Difusión de los servicios gratuitos de defensa pública para personas migrantes",
      "Materiales y pláticas informativas en albergues y estaciones migratorias sobre el derecho a contar con defensa y asesoría jurídica gratuita.",
      "info;legal", "ext", ben=(1000, 8000),
      res="Se informó a {n} personas migrantes sobre los servicios de defensoría."),
    A("IFDP", 4, "Representación legal para la obtención de documentos de identidad",
      "Asesoría y representación de personas migrantes ante autoridades administrativas para obtener documentos que acrediten su identidad y situación migratoria.",
      "legal;tram", "ext", ben=(200, 1500),
      res="Se representó a {n} personas en trámites de identidad."),
    A("IFDP", 7, "Defensa y asesoría jurídica a personas migrantes en situación de vulnerabilidad",
      "Asesoría jurídica en materia administrativa, penal y de amparo a personas migrantes, con atención prioritaria a mujeres, niñas, niños y adolescentes.",
      "legal", "ext", gen=True, ben=(2000, 9000),
      res="Se brindaron {n} asesorías jurídicas a personas migrantes."),
    A("IFDP", 21, "Representación para la expedición de documentos de viaje",
      "Servicios de representación para solicitar la expedición de documentos de viaje a personas que desean regresar a su país de origen o a México.",
      "legal;tram", "ret|ext", ben=(50, 600),
      res="Se representó a {n} personas en la solicitud de documentos de viaje."),
    A("SCJN", 3, "Cuaderno de jurisprudencia sobre migración y protección internacional",
      "Publicación que sistematiza los criterios de la Suprema Corte en materia de movilidad humana, refugio y protección complementaria.",
      "info", "na"),
    A("SCJN", 3, "Buscador de sentencias relevantes en materia de movilidad humana",
      "Herramienta en línea para consultar sentencias y criterios judiciales sobre derechos de personas migrantes y sujetas de protección internacional.",
      "info", "na|ext"),
    A("SCJN", 5, "Resolución de amparos sobre regularización migratoria",
      "Resolución de asuntos en los que se analizó el derecho de personas extranjeras a regularizar su situación migratoria por razones humanitarias.",
      "sent", "ext", ben=(2, 30),
      res="Se resolvieron {n} asuntos relacionados con la regularización migratoria."),
    A("SCJN", 5, "Resolución de asuntos sobre unidad familiar de personas extranjeras",
      "Sentencias que reconocen el principio de unidad familiar en los procedimientos migratorios de personas extranjeras con hijas o hijos mexicanos.",
      "sent", "ext", ben=(2, 20),
      res="Se resolvieron {n} asuntos sobre unidad familiar."),
    A("SCJN", 13, "Resoluciones sobre la detención migratoria de niñas, niños y adolescentes",
      "Resolución de asuntos que reafirman la prohibición de privar de la libertad a niñas, niños y adolescentes migrantes.",
      "sent", "ext", ben=(2, 20),
      res="Se resolvieron {n} asuntos sobre detención migratoria de la niñez."),
    A("SCJN", 13, "Resoluciones sobre los plazos de alojamiento en estaciones migratorias",
      "Sentencias que analizan la constitucionalidad de los plazos de alojamiento de personas extranjeras en estaciones migratorias.",
      "sent;legal", "ext", ben=(2, 15),
      res="Se resolvieron {n} asuntos sobre alojamiento en estaciones migratorias."),
    A("SCJN", 17, "Protocolo para juzgar casos que involucren personas migrantes y sujetas de protección internacional",
      "Actualización y difusión del protocolo de actuación para quienes imparten justicia en casos que involucran a personas en contextos de movilidad.",
      "info;cap", "ext|na", ben=(500, 4000),
      res="Se capacitó en el uso del protocolo a {n} personas juzgadoras y personal jurisdiccional."),
]

# --------------------------------------------------------------------------
# Organismos Constitucionales Autónomos: INEGI, CNDH, INE
# --------------------------------------------------------------------------
OCA = [
    A("INEGI", 1, "Encuesta Nacional de la Dinámica Demográfica: módulo de migración",
      "Publicación de los resultados de migración interna e internacional de la ENADID, con desgloses por sexo, edad y entidad federativa.",
      "inv;info", "na"),
    A("INEGI", 1, "Encuesta Nacional sobre Discriminación: resultados sobre personas migrantes",
      "Tabulados y nota técnica con la prevalencia de discriminación hacia personas migrantes y extranjeras en México.",
      "inv", "ext|na"),
    A("INEGI", 1, "Estadísticas de migración internacional del Censo de Población y Vivienda",
      "Tabulados de población nacida en otro país y de migración reciente, por municipio.",
      "info", "ext|na"),
    A("INEGI", 1, "Indicadores de flujos migratorios de la Encuesta Nacional de Ocupación y Empleo",
      "Estimaciones trimestrales de emigración e inmigración internacional a partir de la ENOE.",
      "info", "na"),
    A("CNDH", 1, "Informe especial sobre la situación de personas migrantes en estaciones migratorias",
      "Informe con los hallazgos de las visitas de supervisión a estaciones migratorias y estancias provisionales.",
      "inv", "ext"),
    A("CNDH", 1, "Diagnóstico sobre mujeres migrantes en la frontera sur",
      "Estudio sobre las condiciones de las mujeres migrantes en la frontera sur y las violaciones a sus derechos humanos.",
      "inv", "ext", gen=True),
    A("INE", 1, "Estadísticas del voto de las personas mexicanas residentes en el extranjero",
      "Publicación de la lista nominal y de la participación de las personas mexicanas residentes en el extranjero en el proceso electoral 2023-2024.",
      "info", "exterior"),
    A("INE", 1, "Informe de credencialización en el extranjero",
      "Informe estadístico sobre las solicitudes y entregas de la credencial para votar desde el extranjero por país y consulado.",
      "info", "exterior"),
    A("INE", 1, "Estudio sobre la participación política de la diáspora mexicana",
      "Investigación sobre los factores que favorecen o limitan la participación electoral de las personas mexicanas en el exterior.",
      "inv", "exterior"),
    A("INE", 4, "Credencial para votar desde el extranjero",
      "Trámite de la credencial para votar en embajadas y consulados, que sirve también como identificación oficial.",
      "doc", "exterior", ben=(100000, 300000),
      res="Se entregaron {n} credenciales para votar desde el extranjero."),
    A("CNDH", 7, "Visitas de supervisión y acompañamiento a personas migrantes",
      "Visitas a estaciones migratorias, albergues y puntos de tránsito para verificar condiciones y brindar orientación a personas migrantes.",
      "recep;legal", "ext", ben=(5000, 30000),
      res="Se brindó orientación a {n} personas migrantes."),
    A("CNDH", 9, "Atención de quejas de personas migrantes objeto de tráfico ilícito",
      "Recepción y seguimiento de quejas por violaciones a derechos humanos de personas migrantes objeto de tráfico ilícito.",
      "legal", "ext", ben=(50, 400),
      res="Se atendieron {n} quejas."),
    A("CNDH", 10, "Programa contra la Trata de Personas: acompañamiento a víctimas migrantes",
      "Acompañamiento, orientación jurídica y canalización de personas migrantes víctimas de trata.",
      "legal;recep", "ext", gen=True, ben=(50, 500),
      res="Se acompañó a {n} víctimas de trata."),
    A("INE", 16, "Difusión de los derechos político-electorales de las personas mexicanas en el exterior",
      "Campaña informativa y atención directa sobre el registro y la emisión del voto desde el extranjero.",
      "dif;info", "exterior", ben=(100000, 800000),
      res="La campaña alcanzó a {n} personas."),
    A("INE", 19, "Voto de las personas mexicanas residentes en el extranjero",
      "Organización del voto postal, electrónico y presencial en módulos consulares para el proceso electoral federal 2023-2024.",
      "doc;colab", "exterior", ben=(100000, 250000),
      res="Emitieron su voto {n} personas desde el extranjero."),
]

# --------------------------------------------------------------------------
# Organizaciones de la Sociedad Civil: CAFAMI, Sin Fronteras, Uno de Siete, IDC
# --------------------------------------------------------------------------
OSC = [
    A("CAFAMI", 2, "Proyectos productivos con familias indígenas en comunidades de origen",
      "Acompañamiento a familias indígenas jornaleras para desarrollar proyectos productivos que reduzcan la necesidad de migrar.",
      "apoyo;cap", "na", gen=True, ben=(30, 300),
      res="Participaron {n} familias."),
    A("Sin Fronteras", 3, "Orientación jurídica y psicosocial en línea",
      "Orientación a distancia sobre protección internacional, regularización y acceso a derechos.",
      "legal;info", "ext", ben=(500, 4000),
      res="Se brindaron {n} orientaciones."),
    A("Sin Fronteras", 3, "Materiales informativos sobre protección internacional",
      "Guías en varios idiomas sobre el procedimiento para solicitar la condición de refugiado.",
      "info;dif", "ext", ben=(2000, 15000),
      res="Se distribuyeron {n} materiales."),
    A("CAFAMI", 4, "Visibilizando el derecho a la Identidad y Educación para las personas en contextos de movilidad, en el estado de Tlaxcala",
      "Proyecto que acompaña a familias migrantes indígenas en el registro de nacimiento y la inscripción escolar de sus hijas e hijos.",
      "tram;doc", "na|ext", ben=(100, 800),
      res="Se acompañó a {n} personas en trámites de identidad."),
    A("CAFAMI", 4, "Registro de nacimiento de niñas y niños de familias jornaleras indígenas",
      "Gestión ante el registro civil de actas de nacimiento de niñas y niños de familias jornaleras que se desplazan entre estados.",
      "doc;tram", "na", ben=(50, 400),
      res="Se obtuvieron {n} actas de nacimiento."),
    A("Sin Fronteras", 4, "Asesoría para la obtención de documentos migratorios",
      "Asesoría y acompañamiento a personas solicitantes de refugio para obtener su tarjeta de residente y la CURP.",
      "legal;tram", "ext", ben=(300, 2000),
      res="Se acompañó a {n} personas en la obtención de documentos."),
    A("Uno de Siete", 4, "Acompañamiento para la obtención de la CURP y documentos de identidad",
      "Acompañamiento a personas migrantes y refugiadas alojadas en la casa de acogida para tramitar su CURP temporal y otros documentos.",
      "tram;recep", "ext", ben=(100, 800),
      res="Se acompañó a {n} personas."),
    A("Sin Fronteras", 5, "Acompañamiento en trámites de regularización migratoria",
      "Representación legal en trámites de regularización por razones humanitarias y unidad familiar.",
      "legal;tram", "ext", ben=(200, 1500),
      res="Se representó a {n} personas."),
    A("Uno de Siete", 5, "Orientación laboral para la integración local",
      "Orientación a personas en situación de movilidad sobre el acceso al empleo formal y sus derechos laborales.",
      "recep;cap", "ext", ben=(100, 800),
      res="Se orientó a {n} personas."),
    A("IDC", 13, "Formación de personas legisladoras sobre alternativas a la detención",
      "Espacios de formación para personas legisladoras y sus equipos técnicos sobre alternativas a la detención migratoria.",
      "cap;ley", "ext", ben=(20, 150),
      res="Participaron {n} personas legisladoras y asesoras."),
    A("IDC", 13, "Apoyo técnico a centros de asistencia social públicos",
      "Acompañamiento técnico a centros de asistencia social que reciben a niñas, niños y adolescentes migrantes como alternativa a la detención.",
      "colab;cap", "ext", ben=(30, 300),
      res="Se brindó apoyo técnico a personal de {n} centros y áreas."),
    A("IDC", 13, "Propuesta de cambios a las normas de funcionamiento de las estaciones migratorias",
      "Elaboración y presentación de una propuesta de reforma a las normas de funcionamiento de las estaciones migratorias.",
      "ley", "ext"),
    A("IDC", 13, "Mesa de diálogo sobre alternativas a la detención de niñas, niños y adolescentes",
      "Mesa con autoridades federales y organizaciones para implementar alternativas a la detención de la niñez migrante.",
      "foro;colab", "ext"),
    A("Sin Fronteras", 13, "Programa de alternativas a la detención",
      "Acompañamiento jurídico y psicosocial en comunidad a personas que obtienen su salida de estaciones migratorias.",
      "legal;recep", "ext", ben=(100, 900),
      res="Se acompañó a {n} personas en alternativas a la detención."),
    A("Sin Fronteras", 13, "Monitoreo de estaciones migratorias",
      "Visitas de monitoreo y asesoría legal a personas alojadas en estaciones migratorias.",
      "legal", "ext", ben=(300, 2000),
      res="Se brindó asesoría a {n} personas alojadas."),
    A("Sin Fronteras", 13, "Litigio estratégico contra la detención migratoria",
      "Interposición de amparos y acompañamiento a casos emblemáticos de detención prolongada.",
      "legal", "ext", ben=(10, 80),
      res="Se litigaron {n} casos."),
    A("Sin Fronteras", 15, "Atención psicosocial a personas refugiadas",
      "Atención psicológica individual y grupal a personas solicitantes de refugio y refugiadas.",
      "salud", "ext", ben=(100, 800),
      res="Se atendió a {n} personas."),
    A("CAFAMI", 15, "Acceso a la educación de niñas y niños de familias jornaleras indígenas",
      "Acompañamiento escolar y gestión de inscripciones para niñas y niños de familias jornaleras indígenas.",
      "edu", "na", ben=(50, 400),
      res="Se atendió a {n} niñas y niños."),
    A("Uno de Siete", 15, "Casa de acogida para personas migrantes y refugiadas",
      "Alojamiento temporal, alimentación y acompañamiento integral a personas migrantes y refugiadas en la Ciudad de México.",
      "aloj;recep", "ext", ben=(100, 600),
      res="Se alojó a {n} personas."),
    A("Uno de Siete", 17, "Campaña comunitaria contra la xenofobia",
      "Actividades culturales y de sensibilización con vecinas y vecinos de la casa de acogida para promover la convivencia.",
      "dif;foro", "ext|na", ben=(200, 2000),
      res="Participaron {n} personas."),
]

# --------------------------------------------------------------------------
# Entidades federativas: temas por objetivo y reparto por estado
# --------------------------------------------------------------------------
ESTADOS = {
    # abreviatura: (nombre corto, municipios o alcaldías)
    "BCS": ("Baja California Sur", ["La Paz", "Los Cabos", "Comondú"]),
    "CAMP": ("Campeche", ["Campeche", "Candelaria", "Escárcega", "Calakmul"]),
    "CHIS": ("Chiapas", ["Tapachula", "Tuxtla Gutiérrez", "Palenque", "Comitán de Domínguez", "Suchiate", "Frontera Comalapa"]),
    "CHIH": ("Chihuahua", ["Juárez", "Chihuahua", "Ojinaga"]),
    "CDMX": ("Ciudad de México", ["Cuauhtémoc", "Iztapalapa", "Gustavo A. Madero", "Tláhuac"]),
    "COL": ("Colima", ["Colima", "Manzanillo", "Tecomán"]),
    "GTO": ("Guanajuato", ["León", "Irapuato", "Celaya", "Dolores Hidalgo"]),
    "GRO": ("Guerrero", ["Chilpancingo de los Bravo", "Acapulco de Juárez", "Tlapa de Comonfort", "Iguala de la Independencia"]),
    "HGO": ("Hidalgo", ["Pachuca de Soto", "Ixmiquilpan", "Tulancingo de Bravo", "Actopan"]),
    "MEX": ("Estado de México", ["Toluca", "Ecatepec de Morelos", "Tultitlán", "Huehuetoca"]),
    "MICH": ("Michoacán", ["Morelia", "Uruapan", "Zamora"]),
    "MOR": ("Morelos", ["Cuernavaca", "Cuautla", "Jojutla"]),
    "NAY": ("Nayarit", ["Tepic", "Bahía de Banderas", "Santiago Ixcuintla"]),
    "NL": ("Nuevo León", ["Monterrey", "Guadalupe", "Apodaca"]),
    "OAX": ("Oaxaca", ["Oaxaca de Juárez", "Juchitán de Zaragoza", "Salina Cruz", "Santiago Pinotepa Nacional"]),
    "PUE": ("Puebla", ["Puebla", "Tehuacán", "Atlixco", "Izúcar de Matamoros"]),
    "QROO": ("Quintana Roo", ["Othón P. Blanco", "Benito Juárez", "Solidaridad"]),
    "SIN": ("Sinaloa", ["Culiacán", "Mazatlán", "Ahome"]),
    "SON": ("Sonora", ["Hermosillo", "Nogales", "San Luis Río Colorado", "Agua Prieta"]),
    "TAB": ("Tabasco", ["Centro", "Tenosique", "Balancán"]),
    "TAMPS": ("Tamaulipas", ["Reynosa", "Matamoros", "Nuevo Laredo", "Victoria"]),
    "TLAX": ("Tlaxcala", ["Tlaxcala", "Apizaco", "Huamantla", "Calpulalpan"]),
    "VER": ("Veracruz", ["Xalapa", "Coatzacoalcos", "Veracruz", "Acayucan"]),
}

# Reparto de las acciones estatales de cada objetivo (sección III del informe)
EF_REPARTO = {
    1: [("BCS", 1), ("CAMP", 1), ("GTO", 1), ("GRO", 1), ("HGO", 1), ("MOR", 1), ("QROO", 1)],
    2: [("GRO", 1), ("PUE", 1), ("TLAX", 1)],
    3: [("CHIS", 2), ("MEX", 3), ("HGO", 3), ("MOR", 2)],          # + CHIS 4;3
    4: [("CAMP", 2), ("CHIS", 3), ("CDMX", 3), ("COL", 2), ("MEX", 3), ("MOR", 2),
        ("NAY", 2), ("QROO", 2), ("TAB", 2), ("TAMPS", 2), ("TLAX", 2), ("VER", 1)],
    5: [("CHIS", 1), ("COL", 1), ("OAX", 1), ("TAMPS", 1), ("TLAX", 1)],
    6: [("CHIS", 2), ("QROO", 1), ("TAMPS", 1)],
    7: [("CHIS", 3), ("CHIH", 1), ("CDMX", 2), ("GTO", 1), ("GRO", 2), ("HGO", 2),
        ("MICH", 1), ("MOR", 2), ("QROO", 1), ("TAMPS", 2)],
    8: [("BCS", 1), ("CHIS", 2), ("MEX", 1), ("MOR", 1), ("OAX", 1), ("TAB", 1), ("TLAX", 1), ("VER", 1)],
    9: [("CHIS", 2)],
    10: [("BCS", 2), ("CHIS", 6), ("CDMX", 4), ("HGO", 3), ("MOR", 3), ("QROO", 4)],
    11: [("CHIS", 1)],
    12: [("CHIS", 1)],
    14: [("CHIS", 2), ("COL", 1), ("HGO", 1)],
    15: [("CAMP", 1), ("CHIS", 3), ("MEX", 2), ("HGO", 2), ("NL", 2), ("SIN", 1),
         ("SON", 2), ("TAB", 2), ("TAMPS", 2)],
    16: [("HGO", 1), ("MICH", 2), ("MOR", 1), ("QROO", 1), ("TAMPS", 1), ("VER", 1)],
    17: [("NL", 1), ("OAX", 1), ("SIN", 1)],
    18: [("MEX", 1), ("GRO", 1), ("HGO", 1), ("TAMPS", 2)],
    19: [("GRO", 2), ("TAMPS", 2)],
    20: [("GRO", 1)],
    21: [("GRO", 1), ("HGO", 1), ("PUE", 1), ("TAMPS", 1), ("VER", 1)],
    22: [("COL", 1), ("GRO", 1), ("NAY", 1)],
    23: [("NL", 2), ("OAX", 2)],
}

EF_PAREJA = [
    A("CHIS", [4, 3], "Asesoría y gestión de documentos de identidad y viaje en la frontera sur",
      "Asesoría jurídica y gestión de trámites para que personas migrantes obtengan documentos de identidad y viaje, con módulos en {mun}.",
      "legal;doc", "ext", ben=(2000, 12000),
      res="Se brindaron {n} asesorías y gestiones de documentos."),
]


class Tema:
    def __init__(self, nombre, desc, tipos, pobs, gen=False, ben=None, res=None, only=None):
        self.nombre, self.desc, self.tipos, self.pobs = nombre, desc, tipos, pobs
        self.gen, self.ben, self.res = gen, ben, res
        self.only = set(only.split(";")) if only else None


def E(*a, **k):
    return Tema(*a, **k)


EF_TEMAS = {
    1: [
        E("Diagnóstico estatal sobre la población migrante",
          "Diagnóstico sobre las características sociodemográficas, de salud y de educación de las personas migrantes en {estado}, con levantamiento de información en {mun}.",
          "inv", "na|ext"),
        E("Análisis legislativo sobre política migratoria local",
          "Revisión del marco jurídico estatal en materia de movilidad humana y propuesta de armonización con la legislación federal.",
          "inv", "na"),
        E("Informe anual de los programas estatales de atención a personas migrantes",
          "Informe que integra los resultados de los programas estatales dirigidos a personas migrantes, retornadas y familias de personas en el exterior.",
          "info", "na|ret"),
        E("Estudio sobre la salud y la educación de niñas, niños y adolescentes migrantes",
          "Estudio sobre el acceso a servicios de salud y a la escuela de niñas, niños y adolescentes migrantes y retornados en {mun}.",
          "inv", "ext|ret"),
        E("Registro estatal de personas migrantes atendidas",
          "Sistema de registro de las personas migrantes atendidas por las dependencias estatales, con variables desagregadas por sexo, edad y nacionalidad.",
          "info", "ext|na"),
        E("Observatorio estatal de movilidad humana",
          "Plataforma que reúne estadísticas, estudios y mapas sobre los flujos migratorios que atraviesan o se establecen en {estado}.",
          "info;inv", "na"),
        E("Publicación sobre mujeres migrantes en la entidad",
          "Documento con información sobre la situación de las mujeres migrantes y de las mujeres jefas de hogar con familiares en el exterior.",
          "info", "ext|exterior", gen=True),
    ],
    2: [
        E("Proyectos productivos para familias en comunidades de alta migración",
          "Apoyos para proyectos productivos de familias en comunidades con alta intensidad migratoria de {mun}, con capacitación y seguimiento técnico.",
          "apoyo", "na|ret", ben=(100, 1500)),
        E("Programa de desarrollo rural en municipios de origen de la migración",
          "Obras y apoyos para el desarrollo rural en municipios de origen de la migración, a fin de generar empleo local y reducir la emigración forzada.",
          "apoyo", "na", ben=(500, 5000)),
        E("Empleo temporal y arraigo para personas jóvenes",
          "Programa de empleo temporal y capacitación para personas jóvenes de comunidades con alta emigración.",
          "apoyo;cap", "na|ret", ben=(100, 1200)),
    ],
    3: [
        E("Centro de atención telefónica para personas migrantes y sus familias",
          "Línea gratuita de orientación sobre trámites, servicios estatales y localización de familiares, que atiende llamadas desde México y desde el exterior.",
          "info;recep", "exterior|ext", ben=(1000, 10000)),
        E("Programa de radio informativo sobre migración",
          "Programa semanal en la radio pública estatal con información sobre derechos, trámites y riesgos de la migración irregular.",
          "dif", "exterior|na", ben=(10000, 120000)),
        E("Campañas informativas en localidades de origen",
          "Campañas en plazas y escuelas de {mun} sobre documentos de identidad, vías regulares de migración y prevención de riesgos.",
          "dif", "na|exterior", ben=(2000, 30000)),
        E("Guía estatal para personas migrantes",
          "Guía impresa y digital con los servicios, albergues y oficinas de atención disponibles para personas migrantes en {estado}.",
          "info", "ext|exterior", ben=(1000, 10000)),
        E("Asesoría sobre trámites para obtener documentos de identidad y viaje",
          "Orientación y acompañamiento en trámites de actas de nacimiento, pasaporte y doble nacionalidad para personas migrantes y sus familias.",
          "tram;legal", "exterior|ext", ben=(300, 4000)),
        E("Atención de quejas y denuncias ciudadanas de personas migrantes",
          "Recepción y canalización de quejas y denuncias de personas migrantes sobre abusos de autoridades o particulares.",
          "legal", "ext", ben=(50, 600)),
        E("Módulos de orientación en albergues y casas del migrante",
          "Módulos itinerantes en albergues de {mun} con información sobre derechos, servicios de salud y trámites.",
          "info;recep", "ext", ben=(500, 6000)),
        E("Información para mujeres y adolescentes migrantes sobre sus derechos",
          "Materiales y pláticas sobre derechos, cuidado y prevención de la violencia dirigidos a mujeres y adolescentes migrantes.",
          "info", "ext", gen=True, ben=(300, 3000)),
    ],
    4: [
        E("Constancia de Origen para personas migrantes",
          "Expedición de la Constancia de Origen que acredita la identidad y el lugar de nacimiento de personas originarias de {estado} que residen en el exterior.",
          "doc", "exterior|ret", ben=(500, 6000)),
        E("Carta de identidad del migrante",
          "Expedición de la carta de identidad del migrante para que personas originarias del estado realicen trámites en el exterior y a su regreso.",
          "doc", "exterior|ret", ben=(300, 4000)),
        E("Servicios de Registro Civil para personas migrantes",
          "Registro de nacimiento, expedición de actas y registro extemporáneo para personas migrantes y sus hijas e hijos.",
          "doc;tram", "ext|ret", ben=(500, 8000)),
        E("Servicio de apostille de documentos",
          "Apostillado de actas y documentos públicos para su validez en el extranjero, con atención preferente a personas migrantes.",
          "tram", "exterior|ret", ben=(500, 6000)),
        E("CURP temporal para personas extranjeras solicitantes de protección internacional",
          "Gestión de la Clave Única de Registro de Población Temporal para Extranjeros solicitantes de protección internacional, que les permite acceder a servicios de salud, educación y empleo.",
          "doc", "ext", ben=(1000, 15000)),
        E("Asesoría jurídica para la obtención de documentos de identidad",
          "Asesoría jurídica gratuita para personas migrantes que requieren documentos de identidad o regularizar su situación migratoria.",
          "legal;tram", "ext|ret", ben=(200, 3000)),
        E("Doble nacionalidad para niñas y niños nacidos en Estados Unidos",
          "Inscripción de actas de nacimiento extranjeras de niñas y niños de padre o madre mexicanos para el reconocimiento de la doble nacionalidad.",
          "doc;tram", "ret|exterior", ben=(100, 2000)),
        E("Jornadas de identidad en comunidades y albergues",
          "Jornadas itinerantes en {mun} para expedir actas, CURP y constancias a personas migrantes y sus familias.",
          "doc", "ext|ret", ben=(300, 5000)),
    ],
    5: [
        E("Programa de reencuentro familiar de personas adultas mayores",
          "Gestión de visas de turista para que personas adultas mayores de {estado} se reencuentren con sus familiares en Estados Unidos.",
          "tram;recep", "exterior", ben=(50, 600)),
        E("Asesoría legal para la regularización migratoria",
          "Asesoría legal y acompañamiento ante el INM para que personas extranjeras regularicen su situación migratoria.",
          "legal;tram", "ext", ben=(100, 2000)),
        E("Orientación para personas trabajadoras fronterizas",
          "Orientación sobre la Tarjeta de Visitante Trabajador Fronterizo y sobre la contratación regular de personas de Guatemala y Belice.",
          "tram;info", "ext", ben=(300, 4000)),
        E("Guelaguetza Familiar",
          "Programa de reencuentro que facilita la obtención de pasaporte y visa para que personas adultas mayores oaxaqueñas visiten a sus familiares en Estados Unidos.",
          "tram;recep", "exterior", ben=(80, 500), only="OAX"),
    ],
    6: [
        E("Vinculación laboral para personas migrantes",
          "Bolsa de trabajo y ferias de empleo con empresas que contratan a personas migrantes y refugiadas en {mun}.",
          "recep;colab", "ext", ben=(200, 3000)),
        E("Programa de apoyo al empleo para personas en contexto de movilidad",
          "Apoyos económicos para capacitación en el trabajo y autoempleo de personas migrantes y retornadas.",
          "apoyo;cap", "ext|ret", ben=(50, 800)),
        E("Atención a personas buscadoras de trabajo con mayores barreras",
          "Atención especial a personas buscadoras de trabajo que enfrentan mayores barreras por su situación migratoria, idioma o discapacidad.",
          "recep", "ext|ret", ben=(100, 1500)),
        E("Asesoría a empleadores para la contratación equitativa",
          "Asesoría y acompañamiento a empleadores que promueven la contratación equitativa y ética de personas migrantes.",
          "cap;colab", "na|ext", ben=(20, 300)),
    ],
    7: [
        E("Albergue estatal para personas migrantes",
          "Albergue con alojamiento, alimentación, atención médica y orientación jurídica para personas migrantes en tránsito por {mun}.",
          "aloj;recep", "ext", ben=(1000, 15000)),
        E("Protección de niñas, niños y adolescentes migrantes",
          "Atención, alojamiento y representación en suplencia de niñas, niños y adolescentes migrantes por parte del Sistema DIF estatal y la Procuraduría de Protección.",
          "recep;aloj", "ext", ben=(300, 5000)),
        E("Atención psicológica y de salud mental a personas migrantes",
          "Atención psicológica individual y grupal para personas migrantes, con énfasis en la atención de crisis y de las secuelas de la violencia.",
          "salud", "ext", ben=(200, 3000)),
        E("Interpretación en lenguas indígenas para el acceso a la justicia",
          "Servicio de intérpretes y traductores de lenguas indígenas para personas migrantes en procedimientos administrativos y judiciales.",
          "legal", "na|ext", ben=(50, 800)),
        E("Apoyo a población jornalera agrícola migrante",
          "Apoyos en especie, orientación y servicios de salud para familias jornaleras agrícolas migrantes en los campos de cultivo de {mun}.",
          "apoyo;recep", "na|ret", ben=(500, 6000)),
        E("Protección de los derechos humanos de las personas migrantes",
          "Orientación y canalización de personas migrantes víctimas de abusos, con visitas a albergues y puntos de tránsito.",
          "legal;recep", "ext", ben=(300, 4000)),
        E("Grupo de trabajo interinstitucional de atención a personas migrantes",
          "Mesa estatal que reúne a dependencias estatales, municipios, organismos internacionales y sociedad civil para coordinar la atención a personas migrantes.",
          "foro;colab", "ext|na"),
        E("Prevención y atención de la violencia contra mujeres migrantes",
          "Atención jurídica, psicológica y de trabajo social a mujeres migrantes víctimas de violencia, por medio de la instancia estatal de las mujeres.",
          "recep;legal", "ext", gen=True, ben=(100, 2000)),
        E("Atención a personas desplazadas internas",
          "Apoyos de emergencia, alojamiento temporal y acompañamiento a familias desplazadas por la violencia.",
          "apoyo;recep", "na", ben=(50, 1500)),
        E("Prevención de adicciones para jóvenes migrantes y retornados",
          "Talleres preventivos y atención de primer nivel en consumo de sustancias para jóvenes migrantes y retornados.",
          "salud", "ret|ext", ben=(100, 1500)),
    ],
    8: [
        E("Apoyo para el traslado de restos de personas fallecidas en el extranjero",
          "Apoyo económico a las familias para el traslado de los restos de personas originarias de {estado} fallecidas en el extranjero.",
          "apoyo", "exterior", ben=(20, 300)),
        E("Grupo de trabajo para la búsqueda de personas migrantes desaparecidas",
          "Mesa con la comisión estatal de búsqueda, la fiscalía y colectivos de familias para la búsqueda de personas migrantes desaparecidas en territorio mexicano.",
          "foro;colab", "ext|exterior"),
        E("Asesoría jurídica a familiares de personas migrantes desaparecidas",
          "Asesoría jurídica y acompañamiento a familias en la presentación de denuncias y en el seguimiento de procesos de búsqueda.",
          "legal", "exterior|ext", ben=(20, 300)),
        E("Operativos y brigadas de protección a personas migrantes",
          "Brigadas de auxilio y protección civil en rutas de tránsito y zonas de riesgo para personas migrantes.",
          "recep", "ext", ben=(500, 8000)),
        E("Localización de personas migrantes fuera del país",
          "Localización de personas originarias del estado en el exterior a solicitud de sus familias, en coordinación con la red consular.",
          "recep;colab", "exterior", ben=(30, 400)),
    ],
    9: [
        E("Representación jurídica de personas migrantes objeto de tráfico ilícito",
          "Asesoría y representación jurídica a personas migrantes objeto de tráfico ilícito ante la fiscalía estatal.",
          "legal", "ext", ben=(30, 300)),
        E("Capacitación sobre prevención del tráfico ilícito de migrantes",
          "Capacitación a policías estatales y municipales sobre la detección del tráfico ilícito de migrantes y la atención a las personas afectadas.",
          "cap", "na|ext", ben=(100, 800)),
    ],
    10: [
        E("Representación jurídica a víctimas de trata de personas",
          "Asesoría y representación jurídica de personas migrantes víctimas de trata por la comisión estatal de atención a víctimas.",
          "legal", "ext", ben=(20, 300)),
        E("Recepción de denuncias e investigación del delito de trata de personas",
          "Atención de denuncias e investigación del delito de trata en contextos de migración por la fiscalía especializada.",
          "legal", "ext|na", ben=(20, 300)),
        E("Programa estatal para prevenir, combatir y erradicar la trata de personas",
          "Programa que articula a las dependencias estatales en la prevención, persecución del delito y protección de víctimas de trata.",
          "colab;dif", "na|ext"),
        E("Atención especializada a niñas, niños y adolescentes víctimas de trata",
          "Atención psicológica, médica y jurídica a niñas, niños y adolescentes víctimas de trata, con enfoque diferenciado para niñas y adolescentes.",
          "recep;legal", "ext", gen=True, ben=(10, 200)),
        E("Capacitación sobre trata de personas a servidores públicos",
          "Cursos sobre indicadores de trata de personas y atención a víctimas migrantes para personal de salud, educación y seguridad.",
          "cap", "na", ben=(100, 2000)),
        E("Código de conducta para la protección de niñas, niños y adolescentes en el sector turístico",
          "Implementación del código de conducta con hoteles y prestadores de servicios turísticos para prevenir la explotación sexual de niñas, niños y adolescentes.",
          "cap;colab", "na|ext", ben=(30, 500)),
        E("Protocolo estatal de atención a víctimas de trata en contextos de migración",
          "Elaboración y aplicación de un protocolo de actuación interinstitucional para la atención de víctimas de trata migrantes.",
          "colab;legal", "ext"),
        E("Foro estatal sobre trata de personas y movilidad humana",
          "Foro con autoridades, academia y sociedad civil para analizar la trata de personas en contextos de movilidad en {estado}.",
          "foro", "na", ben=(100, 600)),
        E("Campaña Corazón Azul contra la trata de personas",
          "Campaña de sensibilización en escuelas, terminales y medios locales para prevenir la trata de personas.",
          "dif", "na|ext", ben=(5000, 80000)),
        E("Refugio especializado para mujeres víctimas de trata",
          "Alojamiento seguro, atención integral y acompañamiento jurídico para mujeres migrantes víctimas de trata.",
          "aloj;recep", "ext", gen=True, ben=(10, 150)),
    ],
    11: [
        E("Capacitación a servidores públicos para la atención en la frontera sur",
          "Capacitación a personal estatal y municipal de la frontera sur en atención a personas migrantes y prevención de conductas ilícitas.",
          "cap;recep", "ext|na", ben=(100, 1000)),
    ],
    12: [
        E("Módulo de atención y canalización de personas solicitantes de protección internacional",
          "Módulo en {mun} que orienta sobre el procedimiento de reconocimiento de la condición de refugiado y canaliza los casos a las autoridades competentes.",
          "recep;tram", "ext", ben=(1000, 10000)),
    ],
    14: [
        E("Atención a familias de personas migrantes detenidas o deportadas",
          "Orientación y acompañamiento a familias de personas originarias del estado detenidas o en procedimientos de deportación en Estados Unidos.",
          "recep;legal", "exterior|ret", ben=(50, 800)),
        E("Vinculación con la red consular para la protección de personas originarias del estado",
          "Coordinación con los consulados de México para la atención de casos de protección de personas originarias de {estado}.",
          "colab", "exterior", ben=(50, 600)),
        E("Acompañamiento en casos de personas originarias del estado desaparecidas en el extranjero",
          "Acompañamiento a familias en la búsqueda de personas desaparecidas en el extranjero, con apoyo de la red consular.",
          "recep", "exterior", ben=(10, 150)),
        E("Servicios estatales en consulados de México",
          "Inclusión de trámites estatales, como actas de nacimiento y constancias, en las jornadas de los consulados.",
          "recep;tram", "exterior", ben=(500, 5000)),
    ],
    15: [
        E("Servicios médicos y atención psicológica a personas migrantes con perspectiva de género",
          "Consultas médicas, atención psicológica y salud sexual y reproductiva para personas migrantes, con atención diferenciada para mujeres.",
          "salud", "ext", gen=True, ben=(1000, 15000)),
        E("Credencialización de estudiantes extranjeros de nivel bachillerato",
          "Expedición de credenciales escolares a estudiantes extranjeros de nivel bachillerato para facilitar su permanencia y acceso a beneficios.",
          "edu;doc", "ext", ben=(100, 1500)),
        E("Acceso a la educación básica de niñas, niños y adolescentes migrantes",
          "Inscripción sin requisito de documentos y revalidación de estudios de niñas, niños y adolescentes migrantes en escuelas de {mun}.",
          "edu", "ext|ret", ben=(300, 5000)),
        E("Fortalecimiento de espacios comunitarios: albergues, casas hogar y comedores",
          "Apoyos en especie y equipamiento para albergues, casas hogar y comedores comunitarios que atienden a personas migrantes.",
          "aloj;apoyo", "ext", ben=(1000, 20000)),
        E("Dotación de útiles escolares a niñas y niños migrantes",
          "Entrega de paquetes de útiles escolares y uniformes a niñas y niños migrantes y retornados.",
          "apoyo;edu", "ext|ret", ben=(200, 4000)),
        E("Asistencia social y protección integral a niñas, niños y adolescentes",
          "Servicios de asistencia social del Sistema DIF estatal para niñas, niños y adolescentes migrantes y sus familias.",
          "recep;aloj", "ext", ben=(200, 4000)),
        E("Capacitación y formación para mujeres jóvenes y adultas migrantes",
          "Cursos de oficios, alfabetización y formación para el trabajo para mujeres jóvenes y adultas en contextos de movilidad.",
          "cap;edu", "ext|ret", gen=True, ben=(50, 800)),
        E("Apoyo económico y en especie a víctimas de desplazamiento forzado interno",
          "Apoyos económicos y en especie a personas y familias víctimas de desplazamiento forzado interno en {estado}.",
          "apoyo", "na", ben=(50, 1500)),
        E("Jornadas de salud y vacunación en albergues",
          "Jornadas de vacunación, detección oportuna y consulta general en albergues y puntos de concentración de personas migrantes.",
          "salud", "ext", ben=(500, 10000)),
        E("Comedor comunitario para personas migrantes",
          "Servicio de alimentación diaria para personas migrantes en situación de calle o en tránsito por {mun}.",
          "aloj", "ext", ben=(2000, 30000)),
    ],
    16: [
        E("Sueño Michoacano",
          "Programa que apoya proyectos productivos y de inversión de personas michoacanas en el exterior y en retorno para su inclusión económica en sus comunidades.",
          "apoyo", "exterior|ret", ben=(50, 600), only="MICH"),
        E("Programa de inclusión y voluntariado",
          "Programa de voluntariado en el que personas migrantes y de la comunidad de acogida participan en actividades de servicio comunitario en Hidalgo.",
          "recep;cap", "ext|ret", ben=(100, 1200), only="HGO"),
        E("Inclusión educativa para migrantes extranjeros",
          "Programa de Morelos que acompaña la inscripción y la permanencia escolar de estudiantes extranjeros en escuelas públicas.",
          "edu", "ext", ben=(100, 1500), only="MOR"),
        E("Política de vinculación y atención integral para la mujer migrante",
          "Atención, capacitación y acompañamiento en trámites para mujeres migrantes y retornadas, con vinculación a programas estatales.",
          "recep;tram", "ext|ret", gen=True, ben=(100, 2000)),
        E("Proyectos productivos para personas migrantes en retorno",
          "Apoyos para iniciar o fortalecer negocios de personas que regresan a {estado}, con asesoría técnica.",
          "apoyo", "ret", ben=(30, 500)),
        E("Portal y campaña de orientación para la inclusión de personas migrantes",
          "Sitio de internet y campaña de difusión con información sobre servicios, derechos y programas para personas migrantes en {estado}.",
          "dif;info", "ext|ret", ben=(5000, 60000)),
        E("Apoyo para necesidades básicas de personas migrantes",
          "Apoyos para comida, hospedaje y transporte local a personas migrantes en situación de vulnerabilidad.",
          "aloj;apoyo", "ext", ben=(300, 4000)),
    ],
    17: [
        E("Campaña estatal contra la xenofobia y la discriminación",
          "Campaña en medios locales y espacios públicos de {mun} para promover el trato digno a las personas migrantes.",
          "dif", "ext|na", ben=(10000, 200000)),
        E("Talleres de sensibilización sobre movilidad humana",
          "Talleres para personas servidoras públicas, docentes y comunidades sobre los derechos de las personas migrantes y la no discriminación.",
          "cap", "na", ben=(100, 2000)),
        E("Conversatorios sobre las aportaciones de la migración",
          "Conversatorios y encuentros con personas migrantes, academia y medios de comunicación para visibilizar las aportaciones de la migración.",
          "foro", "na|ext", ben=(50, 800)),
    ],
    18: [
        E("Certificación de competencias laborales para personas en contextos de movilidad",
          "Evaluación y certificación de competencias laborales para integrar al mercado laboral local a personas migrantes y retornadas.",
          "cap", "ret|ext", ben=(50, 800)),
        E("Reconocimiento de habilidades laborales de personas retornadas",
          "Identificación y reconocimiento de las habilidades adquiridas en el exterior por personas que regresan a {estado}.",
          "cap", "ret", ben=(30, 500)),
        E("Educación integral para personas migrantes",
          "Opciones de educación básica y media superior flexibles para personas migrantes, con reconocimiento de estudios previos.",
          "edu", "ext|ret", ben=(50, 800)),
        E("Formación profesional universitaria para personas migrantes",
          "Becas e ingreso a la universidad pública estatal para personas migrantes y retornadas.",
          "edu;apoyo", "ret|ext", ben=(20, 300)),
    ],
    19: [
        E("Proyectos sociales con clubes de migrantes en comunidades de origen",
          "Proyectos de infraestructura social cofinanciados por clubes y federaciones de personas originarias del estado en el exterior.",
          "colab;apoyo", "exterior", ben=(500, 8000)),
        E("Promoción de la participación política de la diáspora",
          "Difusión del voto desde el extranjero y de los mecanismos de participación de las personas originarias del estado que residen en el exterior.",
          "dif", "exterior", ben=(5000, 50000)),
        E("Padrinos y madrinas desde el exterior para niñas de comunidades de origen",
          "Vinculación de personas de la diáspora con niñas de comunidades de origen para apoyar su permanencia escolar.",
          "apoyo", "exterior", gen=True, ben=(50, 500)),
        E("Vinculación con la diáspora para proyectos de desarrollo local",
          "Encuentros con organizaciones de la diáspora para identificar proyectos de inversión y desarrollo en {mun}.",
          "colab", "exterior"),
    ],
    20: [
        E("Educación financiera y orientación sobre el envío de remesas",
          "Talleres de educación financiera para familias receptoras de remesas y difusión de opciones seguras y económicas de envío.",
          "fin;dif", "exterior", ben=(500, 5000)),
    ],
    21: [
        E("Programa de retorno gratuito y seguro a comunidades de origen",
          "Traslado gratuito y seguro de personas repatriadas desde los puntos de recepción hasta sus comunidades de origen.",
          "ret;recep", "ret", ben=(300, 5000)),
        E("Reembolso del boleto de autobús a personas repatriadas",
          "Reembolso del costo del boleto de autobús a personas repatriadas originarias del estado para regresar a su comunidad.",
          "apoyo;ret", "ret", ben=(100, 2000)),
        E("Acompañamiento a personas migrantes que regresan a México",
          "Recepción, orientación y canalización a servicios estatales de personas que regresan a {estado}.",
          "recep;ret", "ret", ben=(200, 3000)),
        E("Centro de atención telefónica para personas en retorno",
          "Línea de orientación para personas en retorno y sus familias sobre servicios de identidad, salud, empleo y educación.",
          "info;recep", "ret", ben=(200, 3000)),
        E("Apoyo para la reintegración de personas retornadas",
          "Apoyos económicos y vinculación laboral para la reintegración sostenible de personas retornadas.",
          "ret;apoyo", "ret", ben=(50, 1000)),
    ],
    22: [
        E("Asesoría para solicitar la pensión estadounidense",
          "Asesoría gratuita a personas que trabajaron en Estados Unidos para solicitar su pensión del Seguro Social estadounidense desde México.",
          "tram;legal", "ret|exterior", ben=(100, 1500)),
        E("Ampliación de la cobertura de guarderías para hijas e hijos de familias jornaleras migrantes",
          "Ampliación de horarios y lugares de guarderías con alimentación para hijas e hijos de familias jornaleras migrantes.",
          "aloj", "na|ext", gen=True, ben=(50, 800)),
        E("Campaña de promoción para la incorporación a la seguridad social",
          "Campaña para que personas migrantes, retornadas y sus familias se incorporen a los sistemas de seguridad social.",
          "dif;tram", "ret|exterior", ben=(1000, 20000)),
    ],
    23: [
        E("Foro internacional sobre migración climática",
          "Foro con gobiernos locales de otros países y organismos internacionales para compartir la experiencia de {estado} en migración climática.",
          "foro", "na", ben=(100, 600)),
        E("Acuerdos de colaboración con organismos internacionales en materia migratoria",
          "Firma de acuerdos de colaboración con organismos internacionales para la atención de personas en contextos de movilidad.",
          "colab", "na"),
        E("Mesa regional de cooperación para la movilidad humana",
          "Participación en una mesa regional de gobiernos locales para coordinar acciones de atención a personas migrantes.",
          "foro;colab", "na"),
        E("Intercambio de experiencias con gobiernos locales de Centroamérica",
          "Visitas e intercambios técnicos con gobiernos locales de Centroamérica sobre integración y retorno.",
          "foro;colab", "na"),
    ],
}

# --------------------------------------------------------------------------
# Retos: reparto por categoría y tipo de reportante (sección IV.e del informe)
# (APF, EF, PJ, OCA, OSC); 14 categorías, 326 retos
# --------------------------------------------------------------------------
C_RECURSOS = "Falta de recursos financieros, materiales, humanos y tecnológicos"
C_CAPACITACION = "Fortalecimiento de la capacitación, profesionalización y sensibilización de los servidores públicos"
C_COORDINACION = "Coordinación y cooperación inter e intrainstitucional"
C_DIFUSION = "Difusión de información, programas o servicios"
C_INFORMACION = "Obtención y uso de información sobre la materia"
C_SEGUIMIENTO = "Seguimiento de trámites y servicios por parte de la población migrante"
C_DOCUMENTOS = "Falta de documentos de las personas migrantes"
C_BARRERAS = "Barreras culturales y de idioma"
C_SIMPLIFICACION = "Falta de simplificación y agilización de trámites por parte de las autoridades"
C_CONTEXTO = "Cambio en el contexto nacional e internacional: situación política/económica/social/climática"
C_TEJIDO = "Fortalecimiento del tejido social"
C_INDICADORES = "Falta de indicadores de evaluación y seguimiento a los programas y acciones"
C_LEGALES = "Obstáculos legales"
C_INGRESO = "Dificultad para el ingreso a puntos de revisión migratoria o estaciones migratorias"

RETOS_REPARTO = {
    C_RECURSOS: (28, 23, 0, 2, 5),          # 58
    C_CAPACITACION: (28, 20, 1, 2, 5),      # 56
    C_COORDINACION: (30, 20, 1, 4, 0),      # 55
    C_DIFUSION: (26, 12, 0, 1, 1),          # 40
    C_INFORMACION: (20, 4, 0, 5, 1),        # 30
    C_SEGUIMIENTO: (4, 16, 1, 0, 1),        # 22
    C_DOCUMENTOS: (5, 9, 0, 0, 2),          # 16
    C_BARRERAS: (2, 10, 0, 0, 0),           # 12  («Otros retos»: menos de 13)
    C_SIMPLIFICACION: (1, 2, 4, 0, 4),      # 11
    C_CONTEXTO: (5, 3, 0, 0, 0),            # 8
    C_TEJIDO: (1, 5, 0, 0, 0),              # 6
    C_INDICADORES: (3, 1, 0, 1, 0),         # 5
    C_LEGALES: (1, 0, 1, 0, 2),             # 4
    C_INGRESO: (0, 0, 1, 1, 1),             # 3
}

# Objetivos con los que cada categoría suele presentarse (para asignar retos)
AFINIDAD = {
    C_RECURSOS: set(),
    C_CAPACITACION: {7, 9, 10, 11, 12, 13, 14, 17},
    C_COORDINACION: {2, 7, 8, 9, 10, 14, 21, 23},
    C_DIFUSION: {3, 6, 15, 16, 17, 19, 20, 21, 22},
    C_INFORMACION: {1, 2, 8, 9, 10, 21},
    C_SEGUIMIENTO: {3, 4, 5, 12, 15, 21, 22},
    C_DOCUMENTOS: {3, 4, 5, 12, 15, 21},
    C_BARRERAS: {3, 4, 7, 10, 12, 15, 16},
    C_SIMPLIFICACION: {4, 5, 12, 13, 21, 22},
    C_CONTEXTO: {2, 7, 8, 11, 23},
    C_TEJIDO: {2, 16, 17, 19},
    C_INDICADORES: {1, 2, 23},
    C_LEGALES: {4, 5, 6, 13},
    C_INGRESO: {7, 9, 11, 13},
}

TEXTOS_RETO = {
    C_RECURSOS: [
        "Insuficiencia presupuestal para ampliar la cobertura de la acción a más municipios.",
        "El personal asignado es insuficiente para atender la demanda creciente de personas en movilidad.",
        "§No se cuenta con vehículos suficientes para realizar traslados y visitas de seguimiento.",
        "Las reducciones presupuestales del ejercicio fiscal limitaron la operación de la acción.",
        "Falta de equipo de cómputo y de conectividad en las oficinas de atención.",
        "{Ref} no cuenta con intérpretes ni traductores contratados de manera permanente.",
        "§Los espacios de atención y alojamiento operan por encima de su capacidad instalada.",
        "Alta rotación del personal capacitado por falta de plazas presupuestales.",
        "No existe una partida presupuestal etiquetada para la atención de personas migrantes.",
        "Los sistemas informáticos son obsoletos y no permiten el registro de casos en tiempo real.",
        "§Se carece de insumos médicos y medicamentos suficientes para la demanda.",
        "La continuidad de las actividades depende del financiamiento de la cooperación internacional.",
        "§Falta de personal especializado en psicología, trabajo social y asesoría jurídica.",
        "Los recursos para la impresión y distribución de materiales son limitados.",
    ],
    C_CAPACITACION: [
        "Es necesario capacitar de manera continua al personal de primer contacto en los derechos humanos de las personas migrantes.",
        "Persisten prácticas discriminatorias y xenófobas en parte del personal que brinda atención.",
        "El personal de nuevo ingreso desconoce los protocolos de atención a niñas, niños y adolescentes migrantes.",
        "Se requiere profesionalizar al personal en la identificación de víctimas de trata y de tráfico ilícito de migrantes.",
        "Falta sensibilizar a las autoridades municipales sobre los derechos de las personas en movilidad.",
        "Se requiere capacitación en perspectiva de género e interculturalidad para la atención de mujeres migrantes.",
        "El personal de ventanilla desconoce qué documentos migratorios son válidos para acceder a servicios, como la CURP temporal.",
        "La rotación de personal obliga a repetir los procesos de capacitación cada año.",
        "Es necesario fortalecer los conocimientos del personal sobre protección internacional y refugio.",
        "Falta formación del personal de salud en la atención de población migrante y en salud mental.",
        "Se necesitan cursos certificados sobre el marco normativo migratorio para operadores de justicia.",
        "El personal requiere herramientas para la atención de personas con discapacidad en contextos de movilidad.",
    ],
    C_COORDINACION: [
        "Dificultades de coordinación con las autoridades municipales para canalizar los casos.",
        "No existen mecanismos formales de intercambio de información entre dependencias.",
        "La referencia de casos con la autoridad migratoria es lenta.",
        "Se requiere fortalecer la comunicación con la red consular para dar seguimiento a los casos.",
        "Duplicidad de esfuerzos entre instituciones que atienden a la misma población.",
        "Los cambios de enlaces institucionales interrumpen los acuerdos de trabajo.",
        "Falta una ruta de atención interinstitucional clara para la derivación de personas.",
        "Es necesario fortalecer la colaboración con organizaciones de la sociedad civil y organismos internacionales.",
        "Dificultad para concretar convenios de colaboración con otros órdenes de gobierno.",
        "La coordinación entre las áreas internas de {ref} es insuficiente para dar seguimiento a los compromisos.",
        "Falta articulación entre fiscalías, comisiones de búsqueda y autoridades migratorias.",
        "Se requiere una mayor coordinación con los países de origen y de tránsito.",
    ],
    C_DIFUSION: [
        "La población migrante desconoce los servicios y programas disponibles.",
        "Los materiales informativos no están disponibles en otros idiomas ni en lenguas indígenas.",
        "La difusión en redes sociales no llega a las personas en tránsito sin acceso a internet.",
        "Faltan campañas permanentes de información sobre los trámites y sus requisitos.",
        "Las comunidades de origen no conocen los apoyos disponibles para las familias de personas migrantes.",
        "Se requiere difundir en los consulados los servicios que se ofrecen en México.",
        "La información de los portales institucionales no está actualizada.",
        "Falta difusión de la acción en los municipios con mayor presencia de población migrante.",
    ],
    C_INFORMACION: [
        "No se cuenta con datos desagregados por sexo, edad y nacionalidad de las personas atendidas.",
        "Los registros administrativos no son homogéneos entre las instituciones.",
        "Faltan estadísticas actualizadas sobre la población migrante en el territorio.",
        "Se carece de diagnósticos sobre las necesidades de las personas en retorno.",
        "Es difícil obtener información de otras dependencias para elaborar estudios.",
        "No existe un sistema de información que permita dar seguimiento a los casos.",
        "Existe un subregistro de personas migrantes víctimas de delito.",
        "La información disponible sobre desplazamiento forzado interno es escasa.",
    ],
    C_SEGUIMIENTO: [
        "Las personas migrantes abandonan el trámite al continuar su tránsito hacia el norte.",
        "Las personas beneficiarias no regresan a concluir el procedimiento.",
        "La movilidad de la población dificulta el seguimiento de los casos.",
        "§Muchas personas no acuden a recoger sus documentos una vez concluido el trámite.",
        "§Las personas no dan continuidad a los tratamientos médicos por cambio de residencia.",
        "El miedo a proporcionar información a las autoridades hace que las personas no concluyan sus trámites.",
    ],
    C_DOCUMENTOS: [
        "Las personas migrantes no cuentan con documentos de identidad para iniciar trámites.",
        "La falta de acta de nacimiento apostillada impide el registro de niñas y niños nacidos en Estados Unidos.",
        "Las personas en retorno llegan sin documentos que acrediten su identidad o escolaridad.",
        "La falta de CURP limita el acceso a servicios de salud y educación.",
        "Las personas solicitantes de refugio carecen de documentos que acrediten su estancia.",
    ],
    C_BARRERAS: [
        "Dificultades de comunicación con personas haitianas y de otros países no hispanohablantes.",
        "No se cuenta con intérpretes de lenguas indígenas para la atención de personas jornaleras.",
        "§Las diferencias culturales dificultan la atención psicológica y médica.",
        "La población migrante desconfía de las instituciones por barreras culturales.",
        "Los materiales no están traducidos al francés, al criollo haitiano ni al inglés.",
    ],
    C_SIMPLIFICACION: [
        "Los tiempos de respuesta de las autoridades migratorias son prolongados.",
        "Se piden requisitos excesivos para la expedición de documentos.",
        "Hay trámites presenciales que podrían realizarse en línea.",
        "Demoras en la resolución de las solicitudes de regularización migratoria.",
        "La apostilla y la traducción de documentos extranjeros encarecen y retrasan el trámite.",
    ],
    C_CONTEXTO: [
        "Aumento de los flujos migratorios extrarregionales durante el periodo.",
        "Fenómenos meteorológicos afectaron la operación en la región.",
        "La inseguridad y la violencia en las rutas migratorias dificultan la atención.",
        "Los cambios en la política migratoria de Estados Unidos modificaron la demanda de servicios.",
        "La situación económica y política de los países de origen incrementó la llegada de personas.",
    ],
    C_TEJIDO: [
        "Rechazo de parte de la comunidad de acogida hacia la población migrante.",
        "Faltan espacios comunitarios para la integración de las personas migrantes.",
        "Se requiere fomentar la participación de las comunidades de origen.",
        "Las redes de apoyo de las familias de personas migrantes están fragmentadas.",
    ],
    C_INDICADORES: [
        "No existen indicadores para medir el impacto de la acción en la población atendida.",
        "Faltan mecanismos de evaluación de los resultados de los programas.",
        "Los indicadores actuales miden actividades y no resultados.",
    ],
    C_LEGALES: [
        "La normatividad vigente no contempla de manera expresa las alternativas a la detención.",
        "Vacíos legales en la regulación del trabajo de personas extranjeras en situación irregular.",
        "El marco normativo local no reconoce la CURP temporal como documento válido para algunos trámites.",
    ],
    C_INGRESO: [
        "Se negó al personal el acceso a estaciones migratorias para brindar asesoría.",
        "Existen restricciones para ingresar a los puntos de revisión migratoria.",
        "Es difícil acceder a las estancias provisionales para entrevistar a las personas alojadas.",
    ],
}
COLETILLAS_RETO = [
    "Lo anterior limita el alcance de la acción.",
    "Esto retrasa la atención oportuna de las personas.",
    "La situación se agudiza en la frontera sur.",
    "Se propone establecer mesas de trabajo para atenderlo.",
    "Esta situación se presentó durante todo el periodo.",
    "Se requiere atenderlo para dar continuidad a la acción el siguiente año.",
]
REF = {"APF": "la dependencia", "EF": "el gobierno estatal", "PJ": "la institución",
       "OCA": "el organismo", "OSC": "la organización"}

CIERRES = {
    "APF": [
        "La acción se implementó en coordinación con otras dependencias de la Administración Pública Federal.",
        "Las actividades se realizaron de junio de 2023 a junio de 2024.",
        "Se contó con el apoyo técnico de organismos internacionales como la OIM, el ACNUR y UNICEF.",
        "Sus avances se reportan trimestralmente a la instancia coordinadora.",
        "La acción tiene cobertura nacional.",
        "Se dio prioridad a las personas en situación de vulnerabilidad.",
        "Los resultados se publican en el portal institucional.",
    ],
    "EF": [
        "La acción la opera {gobierno} por medio de su instancia de atención a personas migrantes.",
        "Participaron el Sistema DIF estatal y los ayuntamientos de {mun}.",
        "Las actividades se realizaron de junio de 2023 a junio de 2024.",
        "Se coordinó con la oficina de representación del INM en la entidad.",
        "Se contó con el apoyo de organizaciones de la sociedad civil y albergues locales.",
        "La cobertura incluyó los municipios de {mun}.",
        "Se dio prioridad a mujeres, niñas, niños y adolescentes y a personas con discapacidad.",
    ],
    "PJ": [
        "La acción se llevó a cabo en el marco de las atribuciones del Poder Judicial de la Federación.",
        "Las actividades se realizaron de junio de 2023 a junio de 2024.",
        "Se privilegió la atención de personas en situación de vulnerabilidad y de protección internacional.",
    ],
    "OCA": [
        "La acción se realizó en el marco de la autonomía constitucional del organismo.",
        "La información es de acceso público y gratuito.",
        "Las actividades se realizaron de junio de 2023 a junio de 2024.",
    ],
    "OSC": [
        "La acción se financió con recursos propios y de la cooperación internacional.",
        "Se realizó en coordinación con autoridades locales y otras organizaciones.",
        "Las actividades se realizaron de junio de 2023 a junio de 2024.",
    ],
}

RES_CON_N = {
    "info": "Se difundió la información entre {n} personas.",
    "inv": "Los resultados se compartieron con {n} personas usuarias.",
    "foro": "Participaron {n} personas en las sesiones de trabajo.",
    "legal": "Se brindaron {n} asesorías jurídicas a personas en situación de movilidad.",
    "recep": "Se atendió y acompañó a {n} personas.",
    "cap": "Se capacitó a {n} personas.",
    "salud": "Se otorgaron {n} atenciones de salud.",
    "apoyo": "Se entregaron apoyos a {n} personas beneficiarias.",
    "edu": "Se atendió a {n} estudiantes en situación de movilidad.",
    "aloj": "Se brindó alojamiento y/o alimentación a {n} personas.",
    "doc": "Se expidieron {n} documentos.",
    "fin": "Se atendió a {n} personas usuarias de servicios financieros.",
    "colab": "La acción benefició a {n} personas.",
    "ret": "Se apoyó el retorno de {n} personas a sus comunidades de origen.",
    "tram": "Se brindó apoyo en {n} trámites.",
    "dif": "La campaña tuvo un alcance estimado de {n} personas.",
    "sent": "Se resolvieron {n} asuntos.",
    "ley": "La propuesta benefició a {n} personas.",
}
RES_SIN_N = {
    "info": ["Se elaboraron y publicaron {k} productos informativos durante el periodo.",
             "El material se publicó en el portal institucional y se distribuyó a las áreas de atención."],
    "inv": ["El documento se publicó en el portal institucional y se presentó a las instancias involucradas.",
            "El estudio se concluyó y sus resultados se presentaron en {k} sesiones con dependencias y academia."],
    "foro": ["Se realizaron {k} sesiones de trabajo y se adoptaron {k2} acuerdos.",
             "Se instaló el grupo de trabajo y se aprobó su programa anual."],
    "colab": ["Se firmaron {k} instrumentos de colaboración.",
              "Se realizaron {k2} reuniones de coordinación interinstitucional."],
    "ley": ["La propuesta se remitió a las instancias competentes para su análisis."],
    "legal": ["Se aplicó el protocolo en todos los casos detectados durante el periodo."],
    "cap": ["Se impartieron {k} cursos y talleres."],
    "dif": ["Se difundieron {k2} piezas de comunicación."],
}
SIN_DATO = "No se reportó el número de personas beneficiarias."


def leer_csv(nombre, carpeta=CATALOGS):
    with open(os.path.join(carpeta, nombre), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# «de el» y «a el» se contraen en «del» y «al» (issue 12, N8: «las áreas internas de
# el gobierno estatal» salió de «de {ref}»); no ante un nombre propio con «El»
# («de El Salvador»), que va con mayúscula y no se contrae.
CONTRACCION = re.compile(r"\b([Dd]e|[Aa]) el\b")


def contraer(texto):
    return CONTRACCION.sub(lambda m: {"de": "del", "De": "Del", "a": "al", "A": "Al"}[m.group(1)], texto)


def escribir_csv(ruta, encabezado, filas):
    """Escribe el CSV; todo texto pasa por contraer(), así que ninguna plantilla
    (ni una sustitución como {ref}) deja «de el» o «a el»."""
    with open(ruta, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(encabezado)
        w.writerows([contraer(v) if isinstance(v, str) else v for v in fila] for fila in filas)


def municipios(abbr, k=None):
    muns = ESTADOS[abbr][1]
    k = k or rng.choice([1, 2, 2])
    sel = rng.sample(muns, min(k, len(muns)))
    return sel[0] if len(sel) == 1 else ", ".join(sel[:-1]) + " y " + sel[-1]


def construir_ef(instituciones):
    """Crea las acciones estatales a partir de EF_REPARTO y EF_TEMAS."""
    acciones = []
    for obj in sorted(EF_REPARTO):
        uso = Counter()
        for abbr, n in EF_REPARTO[obj]:
            temas = EF_TEMAS[obj]
            propios = [t for t in temas if t.only and abbr in t.only]
            generales = [t for t in temas if not t.only]
            elegidos = propios[:n]
            while len(elegidos) < n:
                libres = [t for t in generales if t not in elegidos]
                assert libres, (obj, abbr)
                menor = min(uso[t.nombre] for t in libres)
                cand = [t for t in libres if uso[t.nombre] == menor]
                elegidos.append(rng.choice(cand))
            for t in elegidos:
                uso[t.nombre] += 1
                acciones.append(A(abbr, obj, t.nombre, t.desc, t.tipos, t.pobs,
                                  gen=t.gen, ben=t.ben, res=t.res))
    return acciones


def redactar_descripcion(a, tipo):
    base = a.desc
    cierres = rng.sample(CIERRES[tipo], rng.choice([1, 1, 2]))
    if sum("{mun}" in c for c in [base] + cierres) > 1:
        # una sola mención de municipios por descripción
        cierres = [c for c in cierres if "{mun}" not in c] or \
                  [c for c in CIERRES[tipo] if "{mun}" not in c][:1]
    texto = " ".join([base] + cierres)
    if tipo == "EF":
        texto = texto.replace("{gobierno}", "el " + a.gobierno)
        while "{mun}" in texto:
            texto = texto.replace("{mun}", municipios(a.inst), 1)
        texto = texto.replace("{estado}", ESTADOS[a.inst][0])
    assert "{" not in texto, texto
    return texto


def balancear_poblacion(acciones):
    meta = dict(META_POBLACION)
    for a in acciones:
        a.pob = list(a.pob_fija) if a.pob_fija else [a.pob_opciones[0]]
    libres = [a for a in acciones if not a.pob_fija]
    for _ in range(5000):
        cnt = Counter(a.pob[0] for a in acciones)
        dif = {p: cnt[p] - meta[p] for p in meta}
        if not any(dif.values()):
            return
        movido = False
        for p in sorted((p for p in meta if dif[p] > 0), key=lambda p: -dif[p]):
            for q in sorted((q for q in meta if dif[q] < 0), key=lambda q: dif[q]):
                cand = [a for a in libres if a.pob[0] == p and q in a.pob_opciones]
                if cand:
                    rng.choice(cand).pob = [q]
                    movido = True
                    break
            if movido:
                break
        if not movido:
            # paso en dos tiempos: p -> r (neutra) y r -> q
            for p in (p for p in meta if dif[p] > 0):
                for q in (q for q in meta if dif[q] < 0):
                    for r in meta:
                        c1 = [a for a in libres if a.pob[0] == p and r in a.pob_opciones]
                        c2 = [a for a in libres if a.pob[0] == r and q in a.pob_opciones]
                        if r not in (p, q) and c1 and c2:
                            rng.choice(c1).pob = [r]
                            rng.choice(c2).pob = [q]
                            movido = True
                            break
                    if movido:
                        break
                if movido:
                    break
        if not movido:
            raise SystemExit("no se puede balancear la población: %s" % dif)
    raise SystemExit("balanceo de población sin converger")


def elegir_ponderado(items, pesos, k):
    """Muestra ponderada sin reemplazo (Efraimidis–Spirakis), determinista."""
    claves = [(rng.random() ** (1.0 / w), i) for i, w in enumerate(pesos)]
    claves.sort(reverse=True)
    return [items[i] for _, i in claves[:k]]


SERVICIOS = {"legal", "recep", "salud", "apoyo", "edu", "aloj", "doc", "tram", "ret"}


def main():
    inst = {r["siglas"]: r for r in leer_csv("institutions.csv")}
    tipos_accion = {r["nombre"] for r in leer_csv("action_types.csv")}
    categorias = [r["nombre"] for r in leer_csv("challenge_categories.csv")]
    poblaciones = {r["clave"] for r in leer_csv("populations.csv")}
    for k in T.values():
        assert k in tipos_accion, k
    for c in RETOS_REPARTO:
        assert c in categorias, c

    acciones = APF + construir_ef(inst) + EF_PAREJA + PJ + OCA + OSC
    orden_tipo = {t: i for i, t in enumerate(TIPOS_REPORTANTE)}
    orden_inst = {s: i for i, s in enumerate(inst)}
    for a in acciones:
        assert a.inst in inst, a.inst
        a.tipo = inst[a.inst]["tipo"]
        a.gobierno = inst[a.inst]["nombre"]
    acciones.sort(key=lambda a: (a.objs[0], orden_tipo[a.tipo], orden_inst[a.inst]))

    # folios y textos
    for i, a in enumerate(acciones, 1):
        a.folio = "%s-%04d" % (EDICION, i)
        a.descripcion = redactar_descripcion(a, a.tipo)

    # población atendida
    balancear_poblacion(acciones)

    # enfoque de género
    marcadas = [a for a in acciones if a.gen]
    assert len(marcadas) <= META_GENERO, len(marcadas)
    resto = [a for a in acciones if not a.gen]
    pesos = []
    for a in resto:
        w = 1.0
        if any(x in a.nombre.lower() for x in ("niñas", "adolescentes", "víctimas", "familias", "jornaler")):
            w = 4.0
        if a.tipos[0] in ("inv", "info", "foro", "colab", "sent", "fin"):
            w *= 0.5
        pesos.append(w)
    for a in elegir_ponderado(resto, pesos, META_GENERO - len(marcadas)):
        a.gen = True

    # atención a personas con discapacidad
    pesos = [0.85 if a.tipos[0] in SERVICIOS else 0.45 for a in acciones]
    con_disc = set(id(a) for a in elegir_ponderado(acciones, pesos, META_DISCAPACIDAD))
    for a in acciones:
        a.disc = id(a) in con_disc

    # beneficiarios y resultados
    for a in acciones:
        clave = a.tipos[0]
        if a.ben:
            n = rng.randint(*a.ben)
            if a.tipo == "EF" and rng.random() < 0.08:
                a.beneficiarios = ""
                a.resultados = SIN_DATO
                continue
            a.beneficiarios = str(n)
            plantilla = a.res or RES_CON_N[clave]
            a.resultados = plantilla.format(n="{:,}".format(n))
        else:
            a.beneficiarios = ""
            opciones = RES_SIN_N.get(clave, ["Se cumplieron las actividades programadas para el periodo."])
            a.resultados = rng.choice(opciones).format(k=rng.randint(2, 8), k2=rng.randint(3, 20))

    # retos
    por_tipo = defaultdict(list)
    for a in acciones:
        a.retos = []
        por_tipo[a.tipo].append(a)
    for ti, tipo in enumerate(TIPOS_REPORTANTE):
        lista = por_tipo[tipo]
        total = sum(v[ti] for v in RETOS_REPARTO.values())
        # cupo de retos por acción: unas con tres, otras con dos, con uno o sin retos
        n3 = max(1, round(len(lista) * 0.03)) if total >= 8 else 0
        n2 = round(len(lista) * 0.12)
        n1 = total - 3 * n3 - 2 * n2
        assert n1 >= 0 and n1 + n2 + n3 <= len(lista), (tipo, n1, n2, n3)
        barajada = rng.sample(lista, len(lista))
        cupo = {}
        for i, a in enumerate(barajada):
            cupo[id(a)] = 3 if i < n3 else 2 if i < n3 + n2 else 1 if i < n3 + n2 + n1 else 0
        cats = sorted((c for c in RETOS_REPARTO if RETOS_REPARTO[c][ti]),
                      key=lambda c: (-RETOS_REPARTO[c][ti], c))
        for c in cats:
            for _ in range(RETOS_REPARTO[c][ti]):
                cand = [a for a in lista if len(a.retos) < cupo[id(a)] and c not in a.retos]
                assert cand, (tipo, c)

                def puntaje(a):
                    afin = bool(AFINIDAD[c] and set(a.objs) & AFINIDAD[c])
                    return (not afin, -(cupo[id(a)] - len(a.retos)), rng.random())
                elegida = min(cand, key=puntaje)
                elegida.retos.append(c)
    # textos: se recorre cada lista en un orden barajado, sin repetir hasta agotarla;
    # los marcados con «§» solo se usan en acciones de prestación de servicios
    colas = defaultdict(list)
    filas_retos = []
    for a in acciones:
        servicio = a.tipos[0] in SERVICIOS
        for c in a.retos:
            if not colas[c]:
                colas[c] = rng.sample(TEXTOS_RETO[c], len(TEXTOS_RETO[c]))
            i = next((i for i, t in enumerate(colas[c]) if servicio or not t.startswith("§")), None)
            if i is None:
                colas[c] = rng.sample(TEXTOS_RETO[c], len(TEXTOS_RETO[c]))
                i = next(i for i, t in enumerate(colas[c]) if servicio or not t.startswith("§"))
            texto = colas[c].pop(i).lstrip("§")
            ref = REF[a.tipo]
            texto = texto.replace("{Ref}", ref[0].upper() + ref[1:]).replace("{ref}", ref)
            if rng.random() < 0.35:
                texto += " " + rng.choice(COLETILLAS_RETO)
            filas_retos.append((a.folio, texto, c))

    os.makedirs(DEMO, exist_ok=True)
    escribir_csv(os.path.join(DEMO, "acciones.csv"),
                 ["folio", "institucion", "objetivos", "nombre", "descripcion", "tipo_accion",
                  "poblacion", "enfoque_genero", "discapacidad", "beneficiarios", "resultados"],
                 [(a.folio, a.inst, ";".join(map(str, a.objs)), a.nombre, a.descripcion,
                   ";".join(T[t] for t in a.tipos), ";".join(a.pob),
                   "Sí" if a.gen else "No", "Sí" if a.disc else "No",
                   a.beneficiarios, a.resultados) for a in acciones])
    escribir_csv(os.path.join(DEMO, "retos.csv"), ["folio", "reto", "categoria"], filas_retos)

    verificar(inst, tipos_accion, categorias, poblaciones)


def pct(n, d):
    return 100.0 * n / d if d else 0.0


def verificar(inst, tipos_accion, categorias, poblaciones):
    """Relee los CSV escritos y comprueba las cifras del informe."""
    acciones = leer_csv("acciones.csv", DEMO)
    retos = leer_csv("retos.csv", DEMO)
    for nombre in ("acciones.csv", "retos.csv"):
        with open(os.path.join(DEMO, nombre), "rb") as f:
            crudo = f.read()
        assert not crudo.startswith(b"\xef\xbb\xbf") and b"\r" not in crudo
        assert crudo.endswith(b"\n") and not crudo.endswith(b"\n\n")
        assert not CONTRACCION.search(crudo.decode("utf-8")), nombre   # «del», «al» (N8)

    assert len(acciones) == TOTAL_ACCIONES, len(acciones)
    folios = [a["folio"] for a in acciones]
    assert len(set(folios)) == len(folios)
    assert folios == ["%s-%04d" % (EDICION, i) for i in range(1, len(folios) + 1)]
    pares = Counter((a["institucion"], a["nombre"]) for a in acciones)
    assert max(pares.values()) == 1, [k for k, v in pares.items() if v > 1]

    tabla = defaultdict(Counter)
    dobles = 0
    for a in acciones:
        assert a["institucion"] in inst, a["institucion"]
        tipo = inst[a["institucion"]]["tipo"]
        assert tipo != "PL"
        objs = [int(x) for x in a["objetivos"].split(";")]
        assert all(1 <= o <= 23 for o in objs) and len(set(objs)) == len(objs)
        if len(objs) == 2:
            dobles += 1
        for o in objs:
            tabla[o][tipo] += 1
        for t in a["tipo_accion"].split(";"):
            assert t in tipos_accion, t
        for p in a["poblacion"].split(";"):
            assert p in poblaciones, p
        assert a["enfoque_genero"] in ("Sí", "No") and a["discapacidad"] in ("Sí", "No")
        assert a["beneficiarios"] == "" or (a["beneficiarios"].isdigit())
        assert a["nombre"] and a["descripcion"].count(".") >= 2 and a["resultados"]
    assert dobles == 4, dobles
    for o, fila in TABLA.items():
        got = tuple(tabla[o][t] for t in TIPOS_REPORTANTE)
        assert got == fila, (o, got, fila)
    vinculos = sum(sum(c.values()) for c in tabla.values())
    assert vinculos == 383, vinculos

    # población, género y discapacidad: las tres lecturas redondean a 54/20/10/16
    metas = {"extranjeros": 54, "exterior": 20, "retorno": 10, "no_aplica": 16}
    principal = Counter(a["poblacion"].split(";")[0] for a in acciones)
    incluye = Counter(p for a in acciones for p in a["poblacion"].split(";"))
    menciones = sum(incluye.values())
    for p, m in metas.items():
        assert round(pct(principal[p], len(acciones))) == m, (p, principal[p])
        assert round(pct(incluye[p], len(acciones))) == m, (p, incluye[p])
        assert round(pct(incluye[p], menciones)) == m, (p, incluye[p])
    genero = sum(a["enfoque_genero"] == "Sí" for a in acciones)
    disc = sum(a["discapacidad"] == "Sí" for a in acciones)
    assert round(pct(genero, len(acciones))) == 25 and round(pct(disc, len(acciones))) == 64

    # retos
    assert len(retos) == TOTAL_RETOS, len(retos)
    folio_ok = set(folios)
    por_cat = Counter()
    for r in retos:
        assert r["folio"] in folio_ok, r["folio"]
        assert r["categoria"] in categorias, r["categoria"]
        assert r["reto"].strip()
        por_cat[r["categoria"]] += 1
    top = por_cat.most_common()
    assert [n for _, n in top[:3]] == [58, 56, 55], top[:3]
    assert [c for c, _ in top[:3]] == [C_RECURSOS, C_CAPACITACION, C_COORDINACION]
    assert len(por_cat) == 14, len(por_cat)
    assert sum(1 for n in por_cat.values() if n < 13) >= 5
    retos_por_accion = Counter(r["folio"] for r in retos)
    dist = Counter(retos_por_accion.get(f, 0) for f in folios)
    assert dist[0] > 0 and dist[2] > 0 and dist[3] > 0, dist

    # resumen
    por_tipo = Counter(inst[a["institucion"]]["tipo"] for a in acciones)
    cuerpos = defaultdict(set)
    for a in acciones:
        cuerpos[inst[a["institucion"]]["tipo"]].add(a["institucion"])
    retos_tipo = Counter(inst[acc["institucion"]]["tipo"]
                         for acc in acciones for _ in range(retos_por_accion.get(acc["folio"], 0)))
    print("Edición %s: verificación correcta." % EDICION)
    print("Acciones: %d; vínculos acción-objetivo: %d; con dos objetivos: %d"
          % (len(acciones), vinculos, dobles))
    print("Acciones por tipo de reportante: " + " · ".join(
        "%s %d" % (t, por_tipo[t]) for t in TIPOS_REPORTANTE))
    print("Instancias con acciones: " + " · ".join(
        "%s %d" % (t, len(cuerpos[t])) for t in TIPOS_REPORTANTE))
    print("Población (principal): " + " · ".join(
        "%s %d (%.1f %%)" % (p, principal[p], pct(principal[p], len(acciones))) for p in metas)
        + "; acciones con dos poblaciones: %d" % sum(";" in a["poblacion"] for a in acciones))
    print("Enfoque de género: Sí %d (%.1f %%)" % (genero, pct(genero, len(acciones))))
    print("Atención a personas con discapacidad: Sí %d (%.1f %%)" % (disc, pct(disc, len(acciones))))
    print("Retos: %d; por tipo de reportante: " % len(retos) + " · ".join(
        "%s %d" % (t, retos_tipo[t]) for t in TIPOS_REPORTANTE))
    print("Acciones por número de retos: " + " · ".join(
        "%d: %d" % (k, dist[k]) for k in sorted(dist)))
    print("Retos por categoría:")
    for c, n in top:
        print("  %3d  %s" % (n, c))


if __name__ == "__main__":
    main()
