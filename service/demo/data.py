"""The demo's data: Lai Châu province, the roles, the 2019 product groups, the dossier checklists, real producers
and products, and the targets of the province's 2020 OCOP plan.

Source: the project's domain notes, ocop-domain.md (Lai Châu's units and codes, the products and their producers).
Commune codes are left empty. Where the sources name a district but not a commune, the
commune chosen is marked "commune assumed".
"""
from datetime import date

PROVINCE = {"code": "12", "name": "Lai Châu"}

# The rule set Lai Châu applies and from when (service/process_models/rule_sets.py): its 2020 OCOP plan
# (/work/shared/seed-plan-laichau-2020.txt, a decision of the provincial chair dated May 2020, in force
# from signing) evaluates and ranks products under Decision 1048/QĐ-TTg. The day of May is not in the
# text: the first is taken.
RULE_SET_ADOPTION = ("2019", date(2020, 5, 1),
                     ("Kế hoạch triển khai Chương trình OCOP tỉnh Lai Châu năm 2020 (tháng 5/2020), theo Quyết định "
                      "1048/QĐ-TTg / Lai Châu's 2020 OCOP plan (May 2020), under Decision 1048/QĐ-TTg"))

# district-level units: code -> name
DISTRICTS = {
    "105": "Thành phố Lai Châu",
    "106": "Tam Đường",
    "107": "Mường Tè",
    "108": "Sìn Hồ",
    "109": "Phong Thổ",
    "110": "Than Uyên",
    "111": "Tân Uyên",
    "112": "Nậm Nhùn",
}

# district name -> commune-level units
COMMUNES = {
    "Tam Đường": ["Bình Lư", "Sơn Bình", "Bản Giang", "Bản Hon", "Nà Tăm", "Hồ Thầu", "Khun Há", "Nùng Nàng",
                  "Giang Ma", "Tả Lèng", "Thèn Sin", "Bản Bo", "Thị trấn Tam Đường"],
    "Than Uyên": ["Mường Than", "Mường Mít", "Thị trấn Than Uyên"],
    "Phong Thổ": ["Sin Suối Hồ"],
    "Mường Tè": ["Pa Ủ"],
}

# code, name_vi, name_en, level (docs/architecture.md, "Roles")
ROLES = [
    ("producer", "Chủ thể sản xuất", "Producer", "entity"),
    ("commune_officer", "Cán bộ OCOP xã", "Commune OCOP officer", "commune"),
    ("district_officer", "Cơ quan thường trực OCOP huyện", "District OCOP office", "district"),
    ("district_council", "Thành viên Hội đồng đánh giá cấp huyện", "District council member", "district"),
    ("district_chair", "Chủ tịch Hội đồng đánh giá cấp huyện", "Chair of the district council", "district"),
    ("province_officer", "Cơ quan thường trực OCOP tỉnh (Sở NN&PTNT)", "Provincial OCOP office", "province"),
    ("province_council", "Thành viên Hội đồng đánh giá cấp tỉnh", "Provincial council member", "province"),
    ("province_chair", "Chủ tịch Hội đồng đánh giá cấp tỉnh", "Chair of the provincial council", "province"),
    ("national_officer", "Văn phòng Điều phối OCOP Trung ương", "National OCOP office", "national"),
    ("national_council", "Thành viên Hội đồng đánh giá cấp Trung ương", "National council member", "national"),
    ("admin", "Quản trị hệ thống", "Administrator", "system"),
]

# 2019 rules (Decision 1048/QĐ-TTg): code, name_vi, name_en, [(sub-group code, name_vi, name_en)]
PRODUCT_GROUPS_2019 = [
    ("thuc_pham", "Thực phẩm", "Food", [
        ("nong_san_tuoi_song", "Nông sản tươi sống", "Fresh produce"),
        ("nong_san_so_che", "Nông sản thô, sơ chế", "Raw and minimally processed produce"),
        ("thuc_pham_che_bien", "Thực phẩm chế biến", "Processed food"),
        ("che_va_san_pham_tu_che", "Chè và các sản phẩm từ chè", "Tea and tea products"),
        ("gia_vi", "Gia vị", "Condiments and spices"),
        ("ca_phe_ca_cao", "Cà phê, ca cao", "Coffee and cocoa"),
    ]),
    ("do_uong", "Đồ uống", "Beverages", [
        ("do_uong_co_con", "Đồ uống có cồn", "Alcoholic beverages"),
        ("do_uong_khong_con", "Đồ uống không cồn", "Non-alcoholic beverages"),
    ]),
    ("thao_duoc", "Thảo dược", "Herbal products", [
        ("thuoc_duoc_lieu", "Thực phẩm chức năng, thuốc dược liệu, thuốc y học cổ truyền",
         "Functional foods and herbal medicines"),
        ("my_pham_thao_duoc", "Mỹ phẩm có thành phần từ thảo dược", "Cosmetics with herbal ingredients"),
        ("thao_duoc_khac", "Trà thảo dược, tinh dầu và sản phẩm thảo dược khác",
         "Herbal teas, essential oils and other herbal products"),
    ]),
    ("vai_may_mac", "Vải và may mặc", "Fabrics and garments", [
        ("vai", "Vải, thổ cẩm", "Fabrics and brocade"),
        ("may_mac", "Trang phục, may mặc", "Garments"),
    ]),
    ("luu_niem_noi_that_trang_tri", "Lưu niệm - nội thất - trang trí", "Souvenirs, furniture and decoration", [
        ("do_go", "Đồ gỗ", "Wooden goods"),
        ("may_tre_dan", "Mây tre đan, cói", "Rattan, bamboo and sedge"),
        ("gom_su_thuy_tinh", "Gốm sứ, thủy tinh", "Ceramics and glass"),
        ("kim_loai_trang_suc", "Kim loại, đồ trang sức", "Metalwork and jewellery"),
    ]),
    ("dich_vu_du_lich", "Dịch vụ du lịch nông thôn, bán hàng", "Rural tourism services", [
        ("du_lich_cong_dong", "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
         "Community and eco-tourism services and tourist sites"),
    ]),
]

# The documents of the evaluation dossier, per rule set (ocop-domain.md, "The dossier (hồ sơ), 2019 rules";
# ocop-evaluation-audit.md rows 17 and §4): code, name_vi, name_en, required, condition (see
# DocumentRequirement). Uploads are filed under these items; the dossier checks see a required item
# without a file as missing. The registration form and the business plan are the signed forms
# (biểu 01/02 and 03), scanned, beside what the producer typed into the process's forms. The 5 product
# samples are goods handed over to the council, not documents: they are not an item of the checklist.
_DOSSIER_REQUIRED = [
    ("phieu_dang_ky", "Phiếu đăng ký sản phẩm (biểu 01 sản phẩm mới, biểu 02 sản phẩm đã có)",
     "Product registration form (form 01 for a new product, 02 for an existing one)", True, None),
    ("phuong_an_kinh_doanh", "Phương án, kế hoạch sản xuất kinh doanh (biểu 03)", "Business plan (form 03)",
     True, None),
    ("mo_ta_chu_the", "Bản mô tả thông tin về chủ thể (biểu 04)", "Description of the producing entity (form 04)",
     True, None),
    ("dang_ky_kinh_doanh", "Bản sao công chứng giấy chứng nhận đăng ký kinh doanh",
     "Certified copy of the business registration", True, "registered_entity"),
]
_DOSSIER_SUPPORTING = [
    ("dieu_kien_san_xuat", "Giấy chứng nhận đủ điều kiện sản xuất, cơ sở đủ điều kiện an toàn thực phẩm",
     "Production-eligibility or food-safety certificate", False, None),
    ("tieu_chuan_chat_luong", "Bản tự công bố chất lượng, tiêu chuẩn sản phẩm",
     "Quality self-declaration and product standard", False, None),
    ("phieu_kiem_nghiem", "Phiếu kết quả kiểm nghiệm", "Test results", False, None),
    ("ma_vach_truy_xuat", "Mã số mã vạch, tem truy xuất nguồn gốc", "Barcode or traceability stamp", False, None),
    ("so_huu_tri_tue", "Giấy tờ sở hữu trí tuệ (nhãn hiệu, chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận)",
     "Intellectual-property documents (trademark, geographical indication, collective or certification mark)",
     False, None),
    ("nguon_nguyen_lieu", "Nguồn gốc nguyên liệu, hợp đồng liên kết chuỗi",
     "Origin of raw materials and supply-chain contracts", False, None),
    ("moi_truong", "Cam kết, kế hoạch bảo vệ môi trường", "Environmental commitment", False, None),
    ("quan_ly_ke_toan", "Hồ sơ quản lý chất lượng, sổ sách kế toán", "Quality-management and accounting records",
     False, None),
    ("tiep_thi", "Minh chứng hoạt động quảng bá, tiếp thị", "Marketing evidence", False, None),
    ("cau_chuyen_san_pham", "Câu chuyện về sản phẩm", "The product's story", False, None),
    ("giai_thuong", "Giải thưởng, chứng nhận đã đạt", "Awards and recognitions", False, None),
    ("hop_tac_xa_hieu_qua", "Minh chứng hợp tác xã hoạt động hiệu quả (với hợp tác xã)",
     "Proof that the cooperative operates effectively (cooperatives)", False, None),
]
_SELF_ASSESSMENT = ("tu_danh_gia", "Phiếu tự đánh giá, phân hạng sản phẩm của chủ thể",
                    "The producer's self-assessment sheet", True, None)
DOSSIER_CHECKLISTS = {
    "2019": _DOSSIER_REQUIRED + _DOSSIER_SUPPORTING,  # 1048/QĐ-TTg, with 781/QĐ-BNN-VPĐP
    "2023": _DOSSIER_REQUIRED + [_SELF_ASSESSMENT] + _DOSSIER_SUPPORTING,  # 148/QĐ-TTg adds the self-assessment
    "2025": _DOSSIER_REQUIRED + [_SELF_ASSESSMENT] + _DOSSIER_SUPPORTING,  # 1489/QĐ-TTg: as 148 (not checked)
}

# The yearly plans' targets (at least so many, per year): the province's, and each district's of the
# province (service/plan/models.py MEASURES). Source: Lai Châu's 2020 plan (../shared/seed-plan-laichau-2020.txt).
PLAN_TARGETS = {
    2020: {
        "province": [
            ("leading", 2, "Kế hoạch OCOP 2020, mục I.1: tỉnh chọn ít nhất 02 sản phẩm lợi thế nhất, phấn đấu 4-5 sao"),
            ("recognised", 2, "Kế hoạch OCOP 2020, mục II.6.2: ít nhất 2 sản phẩm đạt 3-5 sao"),
        ],
        "district": [
            ("leading", 2, "Kế hoạch OCOP 2020, mục I.1 và IV.1: mỗi huyện, thành phố chọn ít nhất 02 sản phẩm "
                           "lợi thế nhất"),
            ("evaluated", 2, "Kế hoạch OCOP 2020, mục II.6.1: tối thiểu 2 sản phẩm tham gia đánh giá, phân hạng"),
            ("three_stars", 1, "Kế hoạch OCOP 2020, mục II.6.1: ít nhất 01 sản phẩm đạt từ 3 sao trở lên"),
            ("entities", 1, "Kế hoạch OCOP 2020, mục I.1: ít nhất 01 tổ chức kinh tế (doanh nghiệp, HTX) tham gia"),
        ],
    },
}

# name, entity type, district, commune, [(product, group, sub-group)]
ENTITIES = [
    ("HTX Nông nghiệp và Dịch vụ Bình Lư", "cooperative", "Tam Đường", "Bình Lư", [
        ("Miến dong Bình Lư", "thuc_pham", "thuc_pham_che_bien"),
    ]),
    ("Công ty CP Đầu tư phát triển chè Tam Đường", "enterprise", "Tam Đường", "Bản Bo", [  # commune assumed
        ("Trà Đông phương mỹ nhân", "thuc_pham", "che_va_san_pham_tu_che"),
        ("Trà Oolong", "thuc_pham", "che_va_san_pham_tu_che"),
        ("Trà Matcha", "thuc_pham", "che_va_san_pham_tu_che"),
        ("Trà Kim Tuyên", "thuc_pham", "che_va_san_pham_tu_che"),
        ("Trà cổ thụ Sà Dề Phìn", "thuc_pham", "che_va_san_pham_tu_che"),
    ]),
    ("Cộng đồng bản Sì Thâu Chải", "cooperative_group", "Tam Đường", "Sơn Bình", [  # commune assumed
        ("Du lịch cộng đồng Sì Thâu Chải", "dich_vu_du_lich", "du_lich_cong_dong"),
    ]),
    ("HTX Thanh Xuân", "cooperative", "Than Uyên", "Mường Than", [  # commune assumed
        ("Gạo Séng Cù", "thuc_pham", "nong_san_so_che"),
    ]),
    ("HTX Nông nghiệp Mường Mít", "cooperative", "Than Uyên", "Mường Mít", [
        ("Mật ong Thanh Xuân", "thuc_pham", "nong_san_so_che"),
    ]),
    ("Hộ kinh doanh Nhà Huyền", "household", "Than Uyên", "Thị trấn Than Uyên", [  # commune assumed
        ("Thịt trâu gác bếp Nhà Huyền", "thuc_pham", "thuc_pham_che_bien"),
    ]),
    ("HTX Trái Tim", "cooperative", "Phong Thổ", "Sin Suối Hồ", [
        ("Homestay và ẩm thực Sin Suối Hồ", "dich_vu_du_lich", "du_lich_cong_dong"),
    ]),
    ("Hộ kinh doanh Vàng Văn Thiện", "household", "Mường Tè", "Pa Ủ", [
        ("Mật ong Pa Ủ", "thuc_pham", "nong_san_so_che"),
    ]),
    ("Hộ kinh doanh Chu Nhù Pư", "household", "Mường Tè", "Pa Ủ", [  # commune assumed
        ("Trang phục Hà Nhì", "vai_may_mac", "may_mac"),
    ]),
]

# level, unit (district name, the province's name, or None), council name, founding decision (number,
# date) or None: the province's is Lai Châu's plan for 2020, section II.1.1 (seed plan, lines 71-73)
COUNCILS = [
    ("district", "Tam Đường", "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Tam Đường", None),
    ("province", "Lai Châu", "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Lai Châu",
     ("365/QĐ-UBND", date(2020, 4, 8))),
    ("national", None, "Hội đồng đánh giá, phân hạng sản phẩm OCOP Trung ương", None),
]

DEMO_PASSWORD = "demo"

# username, full name, role, unit ("Lai Châu", a district, "District/Commune", or None), entity name
ACCOUNTS = [
    ("admin", "Quản trị viên", "admin", None, None),
    ("producer", "Nguyễn Văn Lư (HTX Bình Lư)", "producer", None, "HTX Nông nghiệp và Dịch vụ Bình Lư"),
    ("producer-2", "Lò Thị Mít (HTX Mường Mít)", "producer", None, "HTX Nông nghiệp Mường Mít"),
    ("commune", "Cán bộ OCOP xã Bình Lư", "commune_officer", "Tam Đường/Bình Lư", None),
    ("district", "Phòng NN&PTNT huyện Tam Đường", "district_officer", "Tam Đường", None),
    ("district-2", "Phòng NN&PTNT huyện Than Uyên", "district_officer", "Than Uyên", None),
    ("district-chair", "Chủ tịch Hội đồng huyện Tam Đường", "district_chair", "Tam Đường", None),
    ("district-council-1", "Thành viên Hội đồng huyện Tam Đường 1", "district_council", "Tam Đường", None),
    ("district-council-2", "Thành viên Hội đồng huyện Tam Đường 2", "district_council", "Tam Đường", None),
    ("district-council-3", "Thành viên Hội đồng huyện Tam Đường 3", "district_council", "Tam Đường", None),
    ("province", "Sở NN&PTNT tỉnh Lai Châu", "province_officer", "Lai Châu", None),
    ("province-chair", "Chủ tịch Hội đồng tỉnh Lai Châu", "province_chair", "Lai Châu", None),
    ("province-council-1", "Thành viên Hội đồng tỉnh Lai Châu 1", "province_council", "Lai Châu", None),
    ("province-council-2", "Thành viên Hội đồng tỉnh Lai Châu 2", "province_council", "Lai Châu", None),
    ("province-council-3", "Thành viên Hội đồng tỉnh Lai Châu 3", "province_council", "Lai Châu", None),
    ("national", "Văn phòng Điều phối OCOP Trung ương", "national_officer", None, None),
    ("national-council-1", "Thành viên Hội đồng Trung ương 1", "national_council", None, None),
    ("national-council-2", "Thành viên Hội đồng Trung ương 2", "national_council", None, None),
    ("national-council-3", "Thành viên Hội đồng Trung ương 3", "national_council", None, None),
]

# council level -> (username, position) of its members: the chair scores with the members and gets
# the council's decision task by its position; the secretary keeps the attendance and does not score
COUNCIL_MEMBERS = {
    "district": [("district-chair", "chair"), ("district-council-1", "member"), ("district-council-2", "member"),
                 ("district-council-3", "secretary")],
    "province": [("province-chair", "chair"), ("province-council-1", "member"), ("province-council-2", "member"),
                 ("province-council-3", "secretary")],
    "national": [("national-council-1", "chair"), ("national-council-2", "member"), ("national-council-3", "member")],
}
