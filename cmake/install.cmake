# cmake --install: headers, the library, openlockConfig.cmake / ConfigVersion (find_package) and
# openlock.pc (pkg-config). The rule packs and license knowledge are inside the library.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

if(BUILD_SHARED_LIBS)
  set(OPENLOCK_SHARED ON)
  set(OPENLOCK_PC_DEFINES "")
else()
  set(OPENLOCK_SHARED OFF)
  set(OPENLOCK_PC_DEFINES "-DOPENLOCK_STATIC_DEFINE")
endif()

install(TARGETS openlock EXPORT openlockTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/openlock" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
set(OPENLOCK_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/openlock")
install(EXPORT openlockTargets NAMESPACE openlock:: DESTINATION ${OPENLOCK_CMAKE_DIR})
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/openlockConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/openlockConfig.cmake" INSTALL_DESTINATION ${OPENLOCK_CMAKE_DIR})
# 0.x: a minor release may change the API, so only the same minor version is compatible.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/openlockConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/openlockConfig.cmake" "${PROJECT_BINARY_DIR}/openlockConfigVersion.cmake"
        DESTINATION ${OPENLOCK_CMAKE_DIR})
# Relocatable: the prefix is found from where the .pc file is, so `--prefix` at install time works.
file(RELATIVE_PATH OPENLOCK_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file("${PROJECT_SOURCE_DIR}/cmake/openlock.pc.in" "${PROJECT_BINARY_DIR}/openlock.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/openlock.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
