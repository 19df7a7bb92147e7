// The English terms, addressing the customer as "usted", as Spanish legal texts do.
import type { PolicySlug } from "./default-policies";

export const DEFAULT_POLICIES_ES: Record<PolicySlug, string> = {
  terms: `
Estas condiciones se aplican cuando usted compra en **{{name}}**, un servicio de {{legalName}} ({{address}}){{registration}}. Al realizar un pedido, usted las acepta. Le rogamos que lea también nuestra [política de reembolso](/refund-policy) y nuestra [política de privacidad](/privacy).

## Qué vendemos

Vendemos **planes de datos eSIM** prepagados para viajar: un perfil de SIM digital que usted instala en un teléfono compatible, con la cantidad de datos y la validez indicadas en la página del plan. Los planes incluyen **solo datos**, salvo que la página del plan indique otra cosa: sin número de teléfono, llamadas ni SMS. Cada plan utiliza las redes móviles que se indican para él; la cobertura y la velocidad dependen de esas redes en el lugar donde usted se encuentre.

## Antes de comprar

- Su teléfono debe admitir eSIM y no debe estar bloqueado por un operador. Si tiene dudas, consulte al fabricante de su teléfono o a su operador antes de comprar.
- Los precios se muestran en la moneda del pago e incluyen todas las tarifas que cobramos. Su banco puede añadir sus propios cargos por pagos en moneda extranjera.
- En algunos planes, la validez empieza cuando la eSIM se conecta por primera vez a una red en un país cubierto; en otros, cuando se instala la eSIM. La página del plan indica cuál es el caso.

## Pago

Los pagos los procesa Stripe. Nunca vemos ni guardamos el número completo de su tarjeta. Un pedido queda confirmado cuando Stripe confirma el pago.

## Entrega

Entregamos su eSIM de forma electrónica, normalmente en menos de un minuto tras el pago: por correo electrónico a la dirección que indique al pagar y en la página privada de su pedido. Si no podemos entregarla, le reembolsamos el importe íntegro de forma automática (consulte la [política de reembolso](/refund-policy)).

## Instalación y uso de su eSIM

- Normalmente, una eSIM **solo puede instalarse una vez**. No la borre de su teléfono hasta que haya terminado de usarla: una eSIM borrada no suele poder reinstalarse, y eso no es un defecto de la eSIM.
- No comparta su código QR ni el enlace privado de su pedido: cualquiera que los tenga puede instalar su eSIM.
- Utilice el plan de forma lícita y conforme a las normas de uso razonable de la red. Podemos suspender un plan que se utilice para fraude o abuso.

## Recargas

Cuando la página de un plan lo indique, puede añadir datos a una eSIM que ya tenga. La recarga se entrega en la misma eSIM; no hay que instalar nada nuevo.

## Nuestra responsabilidad

Somos responsables de entregarle en buen estado de funcionamiento la eSIM que ha pagado. No somos responsables de la cobertura de una red en un lugar concreto, de un teléfono que no admita eSIM o esté bloqueado, ni de pérdidas que no fueran previsibles en el momento del pedido. Nada en estas condiciones limita los derechos que la ley le reconoce como consumidor.

## Cambios

Podemos actualizar estas condiciones; a su pedido se aplica la versión que figuraba en esta página cuando lo realizó.

## Legislación aplicable y conflictos

Estas condiciones se rigen por la legislación de {{jurisdiction}}. Si algo sale mal, le rogamos que primero [se ponga en contacto con nosotros]({{contactUrl}}): intentaremos solucionarlo rápidamente.
`,

  "refund-policy": `
Queremos que pueda confiar en su eSIM. Esta política explica cuándo le devuelve el dinero **{{name}}** ({{legalName}}).

## Si no podemos entregar su eSIM

Si no podemos entregarle la eSIM después de que haya pagado (por ejemplo, porque el operador asociado se ha quedado sin un plan), **le reembolsamos el importe íntegro de forma automática**. No tiene que pedirlo. Le enviamos un correo electrónico cuando se realiza el reembolso.

## Si su eSIM no se ha instalado ni usado

Puede solicitar el **reembolso íntegro de una eSIM que no haya instalado** en un plazo de 30 días desde la compra. [Póngase en contacto con nosotros]({{contactUrl}}) indicando su número de pedido. Una vez que una eSIM se ha instalado o se ha conectado a una red, se considera usada y no podemos revenderla, por lo que este derecho termina en ese momento. Como una eSIM es un contenido digital que se entrega de inmediato a petición suya, el derecho legal de desistimiento de 14 días termina en cuanto se entrega; esta política le ofrece más de lo que exige la ley.

## Si su eSIM no funciona

Si su eSIM está instalada pero no se conecta, póngase en contacto con nosotros antes de darla por perdida. Le ayudaremos a que funcione; si el fallo es nuestro o de la red y no podemos solucionarlo, le reembolsamos total o parcialmente los datos que no haya podido usar.

## Recargas

Una recarga puede reembolsarse mientras no se haya usado ninguno de sus datos.

## Cómo se pagan los reembolsos

Los reembolsos se abonan en la tarjeta o el medio de pago con el que pagó, en la misma moneda. Suelen aparecer en un plazo de 5 a 10 días hábiles, según su banco. Le enviamos un correo electrónico por cada reembolso, con el importe, y la página de su pedido lo muestra.

## Qué no podemos reembolsar

- Una eSIM borrada del teléfono después de haberse instalado.
- Los datos ya usados, o un plan cuya validez ha terminado.
- Un teléfono que no admite eSIM o está bloqueado por un operador, una vez instalada la eSIM.

Esta política no afecta a los derechos que le reconoce la legislación de consumo.
`,

  privacy: `
Esta política explica qué datos personales recoge **{{name}}**, para qué, quién más los trata y cuáles son sus derechos. El responsable del tratamiento de sus datos es {{legalName}}, {{address}}{{registration}}. Puede escribirnos a [{{supportEmail}}](mailto:{{supportEmail}}).

## Qué datos recogemos

- **Su dirección de correo electrónico**: para enviarle su eSIM, su recibo y mensajes sobre su pedido, y para que pueda iniciar sesión.
- **Sus pedidos**: qué compró, cuándo, el importe y los identificadores de la eSIM (ICCID y datos de instalación).
- **Datos de pago**: Stripe nos indica si un pago se ha realizado, su importe, y los cuatro últimos dígitos y la marca de la tarjeta. Nunca recibimos el número completo de su tarjeta.
- **Uso de su eSIM**: cuántos datos le quedan, según los comunica el operador asociado, para poder mostrárselo.
- **Datos técnicos**: su dirección IP y su navegador, que conservamos durante poco tiempo en los registros del servidor por seguridad y para prevenir el fraude, y una cookie que mantiene su sesión iniciada o recuerda su pago en curso.

No utilizamos rastreadores publicitarios ni vendemos sus datos.

## Quién trata sus datos por encargo nuestro

- **Stripe**: pagos y prevención del fraude.
- **eSIM Go** y **Zendit**: los operadores asociados que emiten la eSIM; reciben el pedido, no su nombre.
- **Supabase**: nuestra base de datos y el almacenamiento privado de los códigos QR.
- **Resend**: el envío de nuestros correos electrónicos.

Cada uno trata sus datos únicamente siguiendo nuestras instrucciones. Algunos están establecidos fuera de su país; cuando es así, la transferencia está amparada por cláusulas contractuales tipo o una garantía equivalente.

## Por qué podemos usarlos

Para ejecutar nuestro contrato con usted (entregar su eSIM y darle asistencia), para cumplir obligaciones legales (registros contables y fiscales) y por nuestro interés legítimo en mantener la seguridad del servicio.

## Cuánto tiempo los conservamos

- Su cuenta y los datos de sus eSIM: mientras tenga una cuenta y hasta que la elimine.
- Pedidos y datos de pago: durante el tiempo que exija la legislación contable y fiscal (normalmente de 6 a 10 años), incluso después de que elimine su cuenta, pero sin su nombre ni su dirección de correo electrónico.
- Registros del servidor: hasta 30 días.

## Sus derechos

Puede solicitar una copia de sus datos, su rectificación, su supresión o la limitación de su tratamiento, u oponerse a él, y puede presentar una reclamación ante su autoridad de protección de datos. Si tiene una cuenta, puede ejercer dos de ellos usted mismo en [la página de su cuenta](/account):

- **Descargar sus datos**: todo lo que guardamos sobre usted, en un archivo JSON.
- **Eliminar su cuenta**: borramos su dirección de correo electrónico y su acceso, cerramos sus sesiones y anulamos los enlaces privados a sus eSIM. Los pedidos y los datos de pago se conservan, anonimizados, porque la ley nos obliga a guardarlos.

Para cualquier otra cosa, [póngase en contacto con nosotros]({{contactUrl}}).
`,

  faq: `
## ¿Qué teléfonos funcionan con una eSIM?

La mayoría de los iPhone a partir del XS/XR (2018), los Google Pixel 3 y posteriores, los Samsung Galaxy S20 y posteriores, y muchos otros teléfonos recientes. El teléfono no debe estar bloqueado por un operador. En un iPhone, busque «SIM digital» o «SIM disponible» en Ajustes → General → Información; en Android, busque «eSIM» en Ajustes.

## ¿Cuándo recibo mi eSIM?

Normalmente en menos de un minuto tras el pago: por correo electrónico y en la página privada de su pedido. Si algo sale mal, le reembolsamos el importe automáticamente.

## ¿Cuándo debo instalarla?

Antes de viajar, con conexión wifi. La [guía de instalación](/help/install) muestra cada paso con imágenes.

## ¿Cuándo empieza mi plan?

Depende del plan: la mayoría empiezan cuando la eSIM se conecta por primera vez a una red en un país cubierto, y algunos cuando se instala. La página del plan indica cuál es el caso.

## ¿La eSIM incluye un número de teléfono?

No. Nuestros planes son solo de datos. Puede mantener activa su SIM habitual para llamadas y SMS, y usar aplicaciones como WhatsApp con los datos de la eSIM.

## ¿Puedo añadir datos más adelante?

Si la página del plan indica «Recargas disponibles», sí: desde su cuenta, en la página de la eSIM. No hay que instalar nada nuevo.

## ¿Puedo obtener un reembolso?

Sí, íntegro si no podemos entregarla o si no ha instalado la eSIM: consulte la [política de reembolso](/refund-policy).

## ¿Dónde encuentro mi recibo?

En el correo electrónico con el recibo que le enviamos tras el pago, y en la página de su pedido y en su cuenta, donde puede imprimirlo.

## ¿Cómo puedo contactar con ustedes?

[Póngase en contacto con nosotros]({{contactUrl}}): respondemos por correo electrónico.
`,
};
